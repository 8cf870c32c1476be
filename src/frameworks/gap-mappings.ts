/**
 * Reads gap mapping files (`frameworks/gap-mappings/*.json`, or a file an admin wrote): strict
 * JSON with line numbers on syntax errors, then the shape and the rules of
 * `src/domain/gap/mapping.ts`. The built-in ones are seeded on migrate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Edition } from '../domain/framework/index.ts';
import { validateGapMapping, type GapMappingValidation } from '../domain/gap/index.ts';
import { parseJsonDocument } from './json.ts';

/** The folder of the built-in mappings. */
export const BUILT_IN_GAP_MAPPINGS_DIR = fileURLToPath(
  new URL('../../frameworks/gap-mappings/', import.meta.url),
);

/** Editions by id, to check a mapping's questions and areas against. */
export type EditionLookup = (id: string) => Edition | undefined;

/** Parses and validates the text of a mapping file (`source` names it in messages). */
export function parseGapMappingText(
  text: string,
  source: string,
  editionOf?: EditionLookup,
): GapMappingValidation {
  const doc = parseJsonDocument(text);
  if (!doc.ok) {
    return {
      ok: false,
      issues: [
        `${source}:${String(doc.line)}:${String(doc.column)}: not valid JSON: ${doc.message}`,
      ],
    };
  }
  const value = doc.value as { selfAssessmentEdition?: unknown; edition?: unknown } | null;
  const idOf = (id: unknown) => (typeof id === 'string' ? id : '');
  return validateGapMapping(
    doc.value,
    source,
    editionOf && value && typeof value === 'object'
      ? {
          selfAssessment: editionOf(idOf(value.selfAssessmentEdition)),
          edition: editionOf(idOf(value.edition)),
        }
      : undefined,
  );
}

/** Reads a mapping file; an unreadable file comes back as an issue, never a throw. */
export function loadGapMappingFile(
  path: string,
  editionOf?: EditionLookup,
  source: string = path,
): GapMappingValidation {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    return {
      ok: false,
      issues: [
        `${source}: cannot read the file (${code}): ${code === 'ENOENT' ? 'no such file: check the path' : 'check that it is a readable .json file'}`,
      ],
    };
  }
  return parseGapMappingText(text, source, editionOf);
}

/** Thrown when a built-in mapping file is broken: lists every issue. */
export class GapMappingCatalogueError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`the built-in gap mappings are invalid:\n${issues.map((i) => `  ${i}`).join('\n')}`);
    this.name = 'GapMappingCatalogueError';
  }
}

/**
 * The built-in mappings, validated against `editions` (the built-in catalogue); the file name
 * must be `<selfAssessmentEdition>.<edition>.json`.
 *
 * @throws GapMappingCatalogueError when any file is invalid
 */
export function loadBuiltInGapMappings(
  editions: readonly Edition[],
  dir: string = BUILT_IN_GAP_MAPPINGS_DIR,
) {
  const byId = new Map(editions.map((edition) => [edition.id, edition]));
  const issues: string[] = [];
  const mappings = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const source = `frameworks/gap-mappings/${file}`;
    const result = loadGapMappingFile(`${dir}/${file}`, (id) => byId.get(id), source);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const expected = `${result.mapping.selfAssessmentEdition}.${result.mapping.edition}.json`;
    if (file !== expected) {
      issues.push(`${source}: the file must be named ${expected}: rename it or correct the ids`);
      continue;
    }
    mappings.push(result.mapping);
  }
  if (issues.length > 0) throw new GapMappingCatalogueError(issues);
  return mappings;
}
