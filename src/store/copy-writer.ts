/**
 * Streams COPY text into Postgres (pg-copy-streams) with backpressure: `write` returns a promise only when
 * the socket is full, so a caller awaits once per chunk, never once per row.
 */
import { finished } from 'node:stream/promises';
import pgCopy from 'pg-copy-streams';
import type { PoolClient } from './db.js';

export class CopyWriter {
  private failure: Error | null = null;

  private constructor(private readonly stream: pgCopy.CopyStreamQuery) {
    // Keep the error for the next write or end(); an unhandled 'error' event would end the process.
    stream.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  /**
   * Starts `COPY <table> <columns> FROM STDIN` (text format) on the transaction's client. With `freeze`, for a
   * table created in the same transaction, the rows are written frozen (COPY's FREEZE): whoever reads them
   * first, starting with the foreign-key check that attaches a staged file, need not mark each page.
   */
  static open(client: PoolClient, table: string, columns: string, options: { freeze?: boolean } = {}): CopyWriter {
    const freeze = options.freeze ? ' WITH (FREEZE)' : '';
    return new CopyWriter(client.query(pgCopy.from(`COPY ${table} ${columns} FROM STDIN${freeze}`)));
  }

  /** Writes a chunk; returns a promise to await before the next write when Postgres is behind. */
  write(chunk: string | Buffer): Promise<void> | null {
    if (this.failure) throw this.failure;
    if (chunk.length === 0 || this.stream.write(chunk)) return null;
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      this.stream.on('drain', onDrain);
      this.stream.on('error', done);
    });
  }

  /** Abandons the COPY (Postgres gets CopyFail and rejects the whole statement), so the client can roll back. */
  async abort(reason: Error): Promise<void> {
    this.stream.destroy(reason);
    await finished(this.stream).catch(() => {});
  }

  /** Ends the COPY and waits until Postgres has taken every row; returns the row count. */
  async end(): Promise<number> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
    return this.stream.rowCount;
  }
}
