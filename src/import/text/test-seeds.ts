import { readFileSync } from 'node:fs';

/**
 * Reads a source document from `shared/seeds/` beside the repository (tests only): the seeds
 * are the specification and are never copied into the project.
 */
export function readSeed(name: string): string {
  return readFileSync(new URL(`../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
}
