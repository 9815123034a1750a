/**
 * Keeps a sandbox's state in a JSON file (`statePath`): loaded at start, written after each burst
 * of writes (debounced) and on stop. Writes are atomic: a temporary file, then a rename.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxData } from './store.js';

/** How long after the last write the state is saved. */
export const SAVE_DEBOUNCE_MS = 250;

/** Reads a saved state; undefined when the file does not exist. */
export async function loadState(path: string): Promise<SandboxData | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const data = JSON.parse(text) as Partial<SandboxData>;
  if (data.format !== 'ferry-pipedrive-sandbox' || data.version !== 1) {
    throw new Error(
      `${path} is not a Ferry sandbox state file (format ${String(data.format)}, version ${String(data.version)})`,
    );
  }
  return data as SandboxData;
}

export async function saveState(path: string, data: SandboxData): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(data));
  await rename(temporary, path);
}

/** Debounced saving: `schedule()` after each write, `flush()` to save now (and wait). */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SandboxData,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(this.onError);
    }, SAVE_DEBOUNCE_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // Saves run one after another, so an older snapshot never overwrites a newer one.
    this.saving = this.saving
      .catch(() => {})
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        await saveState(this.path, this.snapshot());
      });
    await this.saving;
  }
}
