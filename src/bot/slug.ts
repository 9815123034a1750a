/** A project id from the name typed after `/ferry new`: "Tandartsen De Smet" → `tandartsen-de-smet`. */
import { isValidProjectId } from '../store/projects.js';

export function projectSlug(name: string): string | null {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 63)
    .replace(/[-_]+$/, '');
  return isValidProjectId(slug) ? slug : null;
}
