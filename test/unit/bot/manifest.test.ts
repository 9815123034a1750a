/**
 * manifest.yml against Slack's documented manifest structure (docs.slack.dev/reference/app-manifest, limits from
 * @slack/web-api's manifest types) and against what the code uses: every command and event the code handles is
 * declared, every declared scope is needed by something the code does, and every Web API call in the code is
 * listed in src/bot/capabilities.ts with its scope.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  HANDLED_EVENTS,
  requiredBotEvents,
  requiredBotScopes,
  SLASH_COMMAND,
  SUBCOMMANDS,
  WEB_API_METHODS,
} from '../../../src/bot/capabilities.js';
import { SUBCOMMAND_HANDLERS } from '../../../src/bot/commands/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));

const MANIFEST_SCHEMA = {
  type: 'object',
  required: ['display_information', 'features', 'oauth_config', 'settings'],
  additionalProperties: false,
  properties: {
    _metadata: {
      type: 'object',
      properties: { major_version: { enum: [1, 2] }, minor_version: { type: 'integer' } },
      additionalProperties: false,
    },
    display_information: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 35 },
        description: { type: 'string', maxLength: 140 },
        long_description: { type: 'string', minLength: 174, maxLength: 4000 },
        background_color: { type: 'string', pattern: '^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$' },
      },
    },
    features: {
      type: 'object',
      additionalProperties: false,
      properties: {
        bot_user: {
          type: 'object',
          required: ['display_name'],
          additionalProperties: false,
          properties: {
            display_name: { type: 'string', maxLength: 80, pattern: '^[a-z0-9._-]+$' },
            always_online: { type: 'boolean' },
          },
        },
        slash_commands: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            required: ['command', 'description'],
            additionalProperties: false,
            properties: {
              command: { type: 'string', pattern: '^/', maxLength: 32 },
              description: { type: 'string', maxLength: 2000 },
              usage_hint: { type: 'string', maxLength: 1000 },
              should_escape: { type: 'boolean' },
              url: { type: 'string', format: 'uri' },
            },
          },
        },
      },
    },
    oauth_config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scopes: {
          type: 'object',
          additionalProperties: false,
          properties: {
            bot: { type: 'array', items: { type: 'string', pattern: '^[a-z_.]+(:[a-z_.]+)*$' }, uniqueItems: true },
            user: { type: 'array', items: { type: 'string' } },
          },
        },
        redirect_urls: { type: 'array', items: { type: 'string' } },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        event_subscriptions: {
          type: 'object',
          additionalProperties: false,
          properties: {
            request_url: { type: 'string' },
            bot_events: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string' } },
            user_events: { type: 'array', items: { type: 'string' } },
          },
        },
        interactivity: {
          type: 'object',
          required: ['is_enabled'],
          additionalProperties: false,
          properties: {
            is_enabled: { type: 'boolean' },
            request_url: { type: 'string' },
            message_menu_options_url: { type: 'string' },
          },
        },
        org_deploy_enabled: { type: 'boolean' },
        socket_mode_enabled: { type: 'boolean' },
        token_rotation_enabled: { type: 'boolean' },
      },
    },
  },
} as const;

/** Every `.ts` file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Web API methods the code calls as `<client>.chat.postMessage(…)`, `.files.uploadV2(…)`, … */
function calledMethods(): Set<string> {
  const found = new Set<string>();
  const files = [...sourceFiles(join(ROOT, 'src/bot')), ...sourceFiles(join(ROOT, 'src/worker/handlers'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.(auth|chat|conversations|files|users|views|reactions|team)\.([A-Za-z0-9]+)\(/g)) {
      found.add(`${m[1]}.${m[2]}`);
    }
  }
  return found;
}

describe('manifest.yml', () => {
  it('follows the app manifest structure and limits', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    // ajv-formats is CommonJS: its default export arrives wrapped under ESM.
    const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;
    addFormats(ajv);
    const valid = ajv.validate(MANIFEST_SCHEMA, manifest);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('works as is in Socket Mode: no request URLs needed, interactivity on', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(manifest.features.slash_commands.every((c: { url?: string }) => c.url === undefined)).toBe(true);
  });

  it('declares the slash command the code handles, escaping mentions for /ferry role', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH_COMMAND]);
    const [command] = manifest.features.slash_commands;
    expect(command.should_escape).toBe(true);
    for (const sub of SUBCOMMANDS) {
      if (sub !== 'help') expect(command.usage_hint).toContain(sub);
    }
  });

  it('declares exactly the events the code listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(requiredBotEvents());
  });

  it('requests exactly the scopes the code needs, no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
  });

  it('lists every Web API method the code calls, and calls every method it lists', () => {
    const called = calledMethods();
    const listed = new Set(Object.keys(WEB_API_METHODS).filter((m) => m !== 'auth.test'));
    expect([...called].sort()).toEqual([...listed].sort());
  });

  it('has a handler for every subcommand', () => {
    expect(Object.keys(SUBCOMMAND_HANDLERS).sort()).toEqual([...SUBCOMMANDS].sort());
  });

  it('registers listeners only for the events it declares', () => {
    const registered = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'src/bot/listeners'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/app\.event\('([a-z_]+)'/g)) registered.add(m[1]!);
    }
    expect([...registered].sort()).toEqual(Object.keys(HANDLED_EVENTS).sort());
  });
});
