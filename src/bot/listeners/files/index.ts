/** Customer uploads: message events with subtype `file_share`. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';
import { fileShareCallback } from './file-share.js';

export function registerFileListeners(app: App, deps: BotDeps): void {
  app.event('message', fileShareCallback(deps));
}
