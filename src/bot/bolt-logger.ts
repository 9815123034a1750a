/**
 * Bolt's and the WebClient's logs, sent to Ferry's pino logger. Their debug level is never passed on: at debug,
 * Bolt prints whole request bodies (a submitted token modal included) and the WebClient prints request arguments.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.js';

const RANK: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};
const MAX_LINE_CHARS = 1000;

function line(parts: readonly unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : safeJson(p)))
    .join(' ')
    .slice(0, MAX_LINE_CHARS);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function boltLogger(log: Logger, component = 'slack'): BoltLogger {
  const child = log.child({ component });
  let level: LogLevel = LogLevel.INFO;
  const on = (at: LogLevel) => RANK[at] >= RANK[level];
  return {
    debug: () => {},
    info: (...msg: unknown[]) => {
      if (on(LogLevel.INFO)) child.info(line(msg));
    },
    warn: (...msg: unknown[]) => {
      if (on(LogLevel.WARN)) child.warn(line(msg));
    },
    error: (...msg: unknown[]) => child.error(line(msg)),
    setLevel: (next: LogLevel) => {
      level = next === LogLevel.DEBUG ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
