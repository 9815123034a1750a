/**
 * Whether the files a documents export names are really in the upload, and how big they are.
 * Paths come from the export (`rx\1001\` + `pano.jpg`, normalised to `/` by the validator) and are resolved
 * under the upload's `documents/` folder; a path that climbs out of it is never looked up.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Defect, DefectCode } from '../defects.js';
import { documentMissingMessage, documentOutsideMessage, documentTooLargeMessage } from './messages.js';

export interface DocumentChecker {
  /** Size in bytes of the named document, null when it is absent, 'outside' when the path leaves the folder. */
  sizeOf(relativePath: string): number | null | 'outside';
}

/** A checker reading the file system under `root` (the upload's documents folder). */
export function createDocumentChecker(root: string): DocumentChecker {
  return {
    sizeOf(relativePath) {
      const relative = normalize(relativePath.replaceAll('\\', '/'));
      if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) return 'outside';
      try {
        const stat = statSync(join(root, relative), { throwIfNoEntry: false });
        return stat?.isFile() ? stat.size : null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * The defect a document's file earns, if any, beyond what the validator already found from the export's
 * own columns (a declared size over the limit is its `document_too_large`; we add one only when the file
 * on disk is over the limit and the validator did not say so).
 */
export function checkDocument(
  checker: DocumentChecker,
  path: string,
  maxBytes: number,
  already: readonly Defect[],
): { code: DefectCode; message: string } | null {
  const size = checker.sizeOf(path);
  if (size === 'outside') return { code: 'document_missing', message: documentOutsideMessage(path) };
  if (size === null) {
    if (already.some((d) => d.code === 'document_missing')) return null;
    return { code: 'document_missing', message: documentMissingMessage(path) };
  }
  if (size > maxBytes && !already.some((d) => d.code === 'document_too_large')) {
    return { code: 'document_too_large', message: documentTooLargeMessage(path, size, maxBytes) };
  }
  return null;
}
