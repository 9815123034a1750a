/** Small helpers every command shares: flag parsing with usage errors, configuration, database, error output. */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { AppError, asAppError } from '../domain/errors.js';
import { type Database, openDatabase } from '../store/open.js';
import type { CliIo } from './command.js';

export class UsageError extends Error {}

/** Parses flags strictly; unknown flags or missing values throw UsageError. */
export function parseFlags<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

export function parseIntFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return n;
}

export function parseRateFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} must be between 0 and 1, got "${value}"`);
  return n;
}

/**
 * Runs a command body and turns failures into exit codes and one clear line on stderr:
 * usage and configuration problems exit 2, everything else 1. Stacks only at LOG_LEVEL=debug.
 */
export async function runCommand(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`ferry: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    const appError = asAppError(error);
    io.err.write(`ferry: ${appError.message}\n`);
    if (io.env.LOG_LEVEL === 'debug' && appError.cause instanceof Error) io.err.write(`${appError.cause.stack}\n`);
    return appError.code === 'config_invalid' ? 2 : 1;
  }
}

export function configFrom(io: CliIo): Config {
  return loadConfig(io.env);
}

/** Opens the database for the duration of `fn` and always closes it. */
export async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function isAppError(error: unknown, code: AppError['code']): boolean {
  return error instanceof AppError && error.code === code;
}
