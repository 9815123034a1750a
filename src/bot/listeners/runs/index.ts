/** Rollback confirmations: the danger button and its cancel. Runs themselves start from `/ferry`. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { rollbackCancelCallback } from './rollback-cancel.js';
import { rollbackConfirmCallback } from './rollback-confirm.js';

export function registerRunListeners(app: App, deps: BotDeps): void {
  app.action(ACTION.rollbackConfirm, rollbackConfirmCallback(deps));
  app.action(ACTION.rollbackCancel, rollbackCancelCallback(deps));
}
