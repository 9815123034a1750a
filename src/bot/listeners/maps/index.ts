/** Map review: the card's button, Approve / Request changes, and edit commands typed in the thread. */
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { mapApproveCallback } from './approve-button.js';
import { mapChangesCallback } from './changes-button.js';
import { mapEditReplyCallback } from './edit-reply.js';
import { mapReviewCallback } from './review-button.js';

export function registerMapListeners(app: App, deps: BotDeps): void {
  app.action(ACTION.mapReview, mapReviewCallback(deps));
  app.action(ACTION.mapApprove, mapApproveCallback(deps));
  app.action(ACTION.mapChanges, mapChangesCallback(deps));
  app.event('message', mapEditReplyCallback(deps));
}
