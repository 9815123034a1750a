/** Connecting Pipedrive: the card's button and the token modal. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';
import { ACTION, VIEW } from '../../ids.js';
import { connectOpenCallback } from './connect-open.js';
import { connectSubmitCallback } from './connect-submit.js';

export function registerConnectListeners(app: App, deps: BotDeps): void {
  app.action(ACTION.connectOpen, connectOpenCallback(deps));
  app.view(VIEW.connect, connectSubmitCallback(deps));
}
