/** What every listener gets from the bot's composition root (src/bot/main.ts); nothing is a module singleton. */
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Pool } from '../store/db.js';
import type { MapService } from './map-service.js';
import type { BotPorts } from './ports.js';

export interface BotDeps {
  config: Config;
  pool: Pool;
  boss: PgBoss;
  log: Logger;
  secretBox: SecretBox;
  maps: MapService;
  ports: BotPorts;
  /** Downloads customer uploads from Slack; `globalThis.fetch` unless a test passes its own. */
  fetch: typeof fetch;
}
