/**
 * Fetching a customer's upload from Slack: `url_private_download` with the bot token. Without a valid token (or
 * without `files:read`) Slack answers 200 with its HTML login page, so HTML is a failure, not a CSV.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../domain/errors.js';

/** The fields of a Slack file object Ferry reads; Slack Connect stubs carry only `id` and `file_access`. */
export interface SlackFileLike {
  id: string;
  name?: string | null;
  title?: string | null;
  filetype?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  /** `check_file_info` on Slack Connect stubs: the real object comes from files.info. */
  file_access?: string;
}

export function needsFileInfo(file: SlackFileLike): boolean {
  return file.file_access === 'check_file_info' || file.url_private_download === undefined || file.name == null;
}

export function isCsvFile(file: SlackFileLike): boolean {
  return file.filetype === 'csv' || (file.name ?? '').toLowerCase().endsWith('.csv');
}

/** A name safe on any file system, keeping what a person recognises (`Patiënten 2024.csv`). */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned === '' ? fallback : cleaned;
}

/** Streams the file to `target`; returns its size. Throws AppError('ingest_file_invalid') with a sentence. */
export async function downloadSlackFile(
  fetchFn: typeof fetch,
  url: string,
  botToken: string,
  target: string,
): Promise<number> {
  const response = await fetchFn(url, { headers: { Authorization: `Bearer ${botToken}` } });
  if (!response.ok || response.body === null) {
    throw new AppError('ingest_file_invalid', `Slack answered ${response.status} instead of the file.`);
  }
  if ((response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')) {
    await response.body.cancel();
    throw new AppError(
      'ingest_file_invalid',
      'Slack sent a login page instead of the file: the app needs the files:read scope, or the file is not shared with it.',
    );
  }
  await mkdir(dirname(target), { recursive: true });
  let bytes = 0;
  const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(source, createWriteStream(target));
  return bytes;
}
