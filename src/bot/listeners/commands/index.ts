/** The one slash command, `/ferry`. */
import type { App } from '@slack/bolt';
import { SLASH_COMMAND } from '../../capabilities.js';
import type { BotDeps } from '../../deps.js';
import { ferryCommandCallback } from './ferry-command.js';

export function registerCommandListeners(app: App, deps: BotDeps): void {
  app.command(SLASH_COMMAND, ferryCommandCallback(deps));
}
