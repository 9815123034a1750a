/**
 * Writes document files under <outDir>/documents with a bounded number of writes in flight,
 * so a million-patient run never queues its files in memory. Off (root null): nothing is written.
 * Plain callbacks rather than fs/promises: with ~300,000 small files the promise machinery costs more
 * main-thread time than the writes themselves.
 */

import { close, ftruncate, mkdir, open, write, writeFile } from 'node:fs';
import { mkdir as mkdirPromise } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_IN_FLIGHT = 64;
const DIR_CACHE_SIZE = 512;

type Done = (error: Error | null) => void;

export class DocumentWriter {
  written = 0;
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** finish() wakes the waiter once no more than this many writes are in flight. */
  private wakeAt = 0;
  /** Directories made (null) or being made (the jobs waiting for them). */
  private readonly dirs = new Map<string, Done[] | null>();

  constructor(readonly root: string | null) {}

  /** Creates the folders under the root that every document path starts with (`rx`, `docs`, …). */
  async prepare(folders: readonly string[]): Promise<void> {
    if (this.root === null) return;
    for (const folder of folders) await mkdirPromise(join(this.root, folder), { recursive: true });
  }

  /** Writes `bytes` to documents/<dir>/<name> (dir uses `/`). */
  write(dir: string, name: string, bytes: Buffer): void {
    this.run(dir, name, (path, done) => writeFile(path, bytes, done));
  }

  /** Writes a file of `size` bytes that starts with `header` and is sparse after it (cheap on disk). */
  writeSparse(dir: string, name: string, header: Buffer, size: number): void {
    this.run(dir, name, (path, done) => {
      open(path, 'w', (openError, fd) => {
        if (openError) return done(openError);
        write(fd, header, 0, header.length, 0, (writeError) => {
          if (writeError) return close(fd, () => done(writeError));
          ftruncate(fd, size, (truncateError) => close(fd, (closeError) => done(truncateError ?? closeError)));
        });
      });
    });
  }

  private run(dir: string, name: string, job: (path: string, done: Done) => void): void {
    if (this.root === null) return;
    const fullDir = join(this.root, dir);
    this.inFlight++;
    this.inDir(fullDir, (dirError) => {
      if (dirError) return this.finish(dirError);
      job(join(fullDir, name), (error) => this.finish(error));
    });
  }

  private inDir(fullDir: string, then: Done): void {
    const state = this.dirs.get(fullDir);
    if (state === null) {
      then(null);
      return;
    }
    if (state) {
      state.push(then);
      return;
    }
    const waiting: Done[] = [then];
    this.dirs.set(fullDir, waiting);
    // Not recursive: the type folders exist (see `prepare`), and a recursive mkdir costs several times more.
    mkdir(fullDir, (error) => {
      this.dirs.set(fullDir, null);
      if (this.dirs.size > DIR_CACHE_SIZE) {
        const oldest = this.dirs.keys().next().value;
        if (oldest !== undefined && this.dirs.get(oldest) === null) this.dirs.delete(oldest);
      }
      const failure = error && error.code !== 'EEXIST' ? error : null;
      for (const waiter of waiting) waiter(failure);
    });
  }

  private finish(error: Error | null): void {
    this.inFlight--;
    if (error) this.failure ??= error;
    else this.written++;
    if (this.wake && this.inFlight <= this.wakeAt) {
      const wake = this.wake;
      this.wake = null;
      wake();
    }
  }

  /** A promise while too many writes are in flight; null when the caller may go on. */
  ready(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inFlight < MAX_IN_FLIGHT) return null;
    return this.waitUntil(MAX_IN_FLIGHT / 2);
  }

  async close(): Promise<void> {
    if (this.inFlight > 0) await this.waitUntil(0);
    if (this.failure) throw this.failure;
  }

  private waitUntil(inFlight: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeAt = inFlight;
      this.wake = resolve;
    });
  }
}
