/** Registers every listener, feature by feature. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../deps.js';
import { registerCommandListeners } from './commands/index.js';
import { registerConnectListeners } from './connect/index.js';
import { registerFileListeners } from './files/index.js';
import { registerMapListeners } from './maps/index.js';
import { registerRunListeners } from './runs/index.js';

export function registerListeners(app: App, deps: BotDeps): void {
  registerCommandListeners(app, deps);
  registerFileListeners(app, deps);
  registerConnectListeners(app, deps);
  registerMapListeners(app, deps);
  registerRunListeners(app, deps);
}
