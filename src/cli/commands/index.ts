/** Every `ferry` command, in the order `ferry --help` lists them. */
import type { Command } from '../command.js';
import { botCommand, startCommand } from './bot.js';
import { connectCommand, ownersCommand } from './connect.js';
import { demoCommand } from './demo.js';
import { generateCommand } from './generate.js';
import { ingestCommand } from './ingest.js';
import { auditCommand, fieldsCommand, statusCommand } from './inspect.js';
import { mapCommand } from './map.js';
import {
  deltaCommand,
  fullRunCommand,
  preflightCommand,
  reconcileCommand,
  rollbackCommand,
  sampleCommand,
} from './runs.js';
import { sandboxCommand } from './sandbox.js';
import { workerCommand } from './worker.js';

export const COMMANDS: readonly Command[] = [
  demoCommand,
  generateCommand,
  ingestCommand,
  mapCommand,
  connectCommand,
  ownersCommand,
  preflightCommand,
  sampleCommand,
  fullRunCommand,
  deltaCommand,
  reconcileCommand,
  rollbackCommand,
  statusCommand,
  fieldsCommand,
  auditCommand,
  startCommand,
  botCommand,
  workerCommand,
  sandboxCommand,
];
