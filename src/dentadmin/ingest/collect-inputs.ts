/**
 * Turns the paths given to `ferry ingest` into the files of one upload. A folder contributes its `*.csv`
 * files (any case, not its subfolders) and its `documents/` folder; a file contributes itself and the
 * `documents/` folder next to it.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FileError } from './types.js';

export interface UploadFile {
  path: string;
  /** How the file is named in messages: the path as the user gave it. */
  label: string;
  sizeBytes: number;
  /** Where the documents this file names would be (absolute). */
  documentsDir: string;
}

export interface CollectedInputs {
  files: UploadFile[];
  errors: FileError[];
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function filesOfFolder(folder: string, label: string): Promise<UploadFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && /\.csv$/i.test(e.name)).map((e) => e.name);
  names.sort();
  const files: UploadFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const info = await statOrNull(path);
    if (info)
      files.push({ path, label: join(label, name), sizeBytes: info.size, documentsDir: join(folder, 'documents') });
  }
  return files;
}

export async function collectInputs(paths: readonly string[], cwd = process.cwd()): Promise<CollectedInputs> {
  const files: UploadFile[] = [];
  const errors: FileError[] = [];
  const seen = new Set<string>();
  const add = async (file: UploadFile) => {
    const real = await realpath(file.path).catch(() => file.path);
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };
  for (const label of paths) {
    const path = resolve(cwd, label);
    const info = await statOrNull(path);
    if (info === null) {
      errors.push({ file: label, message: `${label}: not found.`, skipped: true });
    } else if (info.isDirectory()) {
      const inFolder = await filesOfFolder(path, label);
      if (inFolder.length === 0)
        errors.push({ file: label, message: `${label}: this folder holds no .csv file.`, skipped: true });
      for (const file of inFolder) await add(file);
    } else if (info.isFile()) {
      await add({ path, label, sizeBytes: info.size, documentsDir: join(dirname(path), 'documents') });
    } else {
      errors.push({ file: label, message: `${label}: not a file or a folder.`, skipped: true });
    }
  }
  return { files, errors };
}
