/**
 * Request bodies: read with a size limit (413 beyond it), then parsed by content type. JSON and
 * form-urlencoded bodies become objects; multipart stays raw for the files route.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../errors.js';

export class PayloadTooLarge extends ApiError {
  constructor(limitBytes: number) {
    super(413, `Request entity too large: the limit is ${limitBytes} bytes`);
  }
}

/**
 * Reads the whole body, refusing early (by Content-Length) or as soon as it passes `limitBytes`.
 * A refused body is not destroyed but drained, so that the client still receives the 413.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new PayloadTooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      reject(new PayloadTooLarge(limitBytes));
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}

/** Parses a JSON or form body; an empty body is `{}`; multipart is not parsed here. */
export function parseBody(raw: Buffer, contentType: string): unknown {
  const type = contentType.toLowerCase();
  if (raw.length === 0 || type.startsWith('multipart/form-data')) return {};
  const text = raw.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
