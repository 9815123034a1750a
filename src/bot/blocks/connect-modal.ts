/**
 * The Pipedrive connection modal. Block Kit has no masked input, so the token shows on the typist's screen only;
 * it never appears in a message, and `private_metadata` carries the project id alone.
 */
import type { types } from '@slack/bolt';
import { CONNECT_INPUT, VIEW } from '../ids.js';
import { context, plain, section } from './kit.js';

const PLANS = [
  ['lite', 'Lite'],
  ['growth', 'Growth'],
  ['premium', 'Premium'],
  ['ultimate', 'Ultimate'],
] as const;

export function buildConnectModal(project: string): types.ModalView {
  const growth = { text: plain('Growth'), value: 'growth' };
  return {
    type: 'modal',
    callback_id: VIEW.connect,
    private_metadata: JSON.stringify({ project }),
    title: plain('Connect Pipedrive', 24),
    submit: plain('Connect', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        `Paste the API token of the Pipedrive user Ferry should act as (Pipedrive → *Personal preferences → API*). Project \`${project}\`.`,
      ),
      {
        type: 'input',
        block_id: CONNECT_INPUT.token.block,
        label: plain('API token'),
        element: {
          type: 'plain_text_input',
          action_id: CONNECT_INPUT.token.action,
          placeholder: plain('40 characters from Pipedrive'),
        },
      },
      {
        type: 'input',
        block_id: CONNECT_INPUT.baseUrl.block,
        optional: true,
        label: plain('Company URL (optional)'),
        hint: plain('Leave empty: Ferry finds the company from the token.'),
        element: {
          type: 'plain_text_input',
          action_id: CONNECT_INPUT.baseUrl.action,
          placeholder: plain('https://yourcompany.pipedrive.com'),
        },
      },
      {
        type: 'input',
        block_id: CONNECT_INPUT.plan.block,
        optional: true,
        label: plain('Pipedrive plan'),
        hint: plain('Sets the daily API budget Ferry plans with.'),
        element: {
          type: 'static_select',
          action_id: CONNECT_INPUT.plan.action,
          initial_option: growth,
          options: PLANS.map(([value, label]) => ({ text: plain(label), value })),
        },
      },
      context(['The token is stored encrypted. The channel only ever sees its last 4 characters.']),
    ],
  };
}
