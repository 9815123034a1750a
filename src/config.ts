/**
 * Ferry's configuration: read from the environment once, validated, and passed down.
 * Nothing else reads process.env. Every variable is documented in .env.example.
 */
import { z } from 'zod';
import { AppError } from './domain/errors.js';

const optionalUrl = z.url().optional();
const optionalString = z.string().min(1).optional();

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  FERRY_DATA_DIR: z.string().min(1).default('.ferry'),
  FERRY_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  FERRY_MAX_DOCUMENT_MB: z.coerce.number().positive().default(25),
  FERRY_SECRET_KEY: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PIPEDRIVE_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().min(1).default('gpt-5-mini'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  maxDocumentBytes: number;
  secretKey: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  pipedriveBaseUrl: string | undefined;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  slack: {
    botToken: string | undefined;
    appToken: string | undefined;
    signingSecret: string | undefined;
    apiUrl: string | undefined;
  };
  port: number;
}

/** Empty strings count as unset, as they do in most .env files. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** Parses the environment; throws AppError('config_invalid') naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('config_invalid', `Invalid configuration. ${problems.join('; ')}. See .env.example.`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.FERRY_DATA_DIR,
    embeddedPgPort: e.FERRY_EMBEDDED_PG_PORT,
    maxDocumentBytes: Math.round(e.FERRY_MAX_DOCUMENT_MB * 1024 * 1024),
    secretKey: e.FERRY_SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    pipedriveBaseUrl: e.PIPEDRIVE_BASE_URL,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
  };
}
