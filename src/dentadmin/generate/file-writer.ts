/**
 * A file written with backpressure: `write` never queues more than the stream's high-water mark before
 * `ready()` asks the generator to wait, and a stream error surfaces on the next `ready()` or `close()`.
 * Shared by the CSV sinks and the injected-defect log.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

const STREAM_HIGH_WATER_BYTES = 1024 * 1024;

export class FileWriter {
  private readonly stream: WriteStream;
  private drainWait: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: STREAM_HIGH_WATER_BYTES });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  write(data: Buffer | string): void {
    const ok = this.stream.write(data);
    if (!ok && !this.drainWait) {
      this.drainWait = new Promise((resolve) => {
        this.stream.once('drain', () => {
          this.drainWait = null;
          resolve();
        });
      });
    }
  }

  /** Resolves once the stream can take more; null when it can already. */
  ready(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    return this.drainWait;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
