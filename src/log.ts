/**
 * Structured logs (pino) to standard error. Logs carry codes, ids and counts — never a patient's value,
 * never a token: the redaction list below is a safety net, not the policy.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const REDACT_PATHS = [
  'token',
  'apiToken',
  'api_token',
  'secret',
  'password',
  '*.token',
  '*.apiToken',
  '*.api_token',
  '*.secret',
  '*.password',
  'headers["x-api-token"]',
  'headers.authorization',
  '*.headers["x-api-token"]',
  '*.headers.authorization',
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: null, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}

/** A logger that drops everything; for library code called without one. */
export const silentLogger: Logger = pino({ level: 'silent' });
