import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  validateCatalogue,
  validateEdition,
  type Edition,
  type EditionIssue,
  type EditionValidation,
} from '../domain/framework/index.ts';
import { parseJsonDocument } from './json.ts';

/** The folder of the built-in editions, `frameworks/` at the repository root. */
export const BUILT_IN_FRAMEWORKS_DIR = fileURLToPath(new URL('../../frameworks/', import.meta.url));

/** Thrown when the built-in catalogue is broken: lists every issue of every file. */
export class CatalogueError extends Error {
  constructor(readonly issues: readonly EditionIssue[]) {
    super(
      `the framework catalogue is invalid (${String(issues.length)} issue${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  ${i.message}`).join('\n')}`,
    );
    this.name = 'CatalogueError';
  }
}

/**
 * Parses and validates the text of an edition file. Invalid JSON is refused with the line and
 * column; rule violations name the line of the offending field when it can be found.
 *
 * @param source the file name used in messages
 */
export function parseEditionText(text: string, source: string): EditionValidation {
  const doc = parseJsonDocument(text);
  if (!doc.ok) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `${source}:${String(doc.line)}:${String(doc.column)}: not valid JSON: ${doc.message}`,
        },
      ],
    };
  }
  return validateEdition(doc.value, source, { lineOf: doc.lineOf });
}

/**
 * Reads and validates an edition file an admin wrote (e.g. the 2020 edition with its questions).
 * Never throws on bad input: an unreadable file, invalid JSON or a broken rule comes back as
 * issues naming the file, the line, the edition and the field.
 *
 * @example
 * const result = loadEditionFile('kk-2020-questions.json');
 * if (!result.ok) for (const issue of result.issues) console.error(issue.message);
 */
export function loadEditionFile(path: string, source: string = path): EditionValidation {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    const hint =
      code === 'ENOENT'
        ? 'no such file: check the path'
        : code === 'EISDIR'
          ? 'this is a folder: give the path of a .json file'
          : 'check that the file exists and can be read';
    return {
      ok: false,
      issues: [{ path: '', message: `${source}: cannot read the file (${code}): ${hint}` }],
    };
  }
  return parseEditionText(text, source);
}

export type CatalogueLoad =
  { ok: true; editions: Edition[] } | { ok: false; issues: EditionIssue[] };

/**
 * Reads every `*.json` in `dir` as an edition, validates each (its file name must be
 * `<id>.json`), then the rules across editions. Collects all issues rather than stopping at
 * the first.
 *
 * @param label how the folder is named in messages, e.g. `frameworks`
 */
export function loadCatalogueFrom(dir: string, label: string = dir): CatalogueLoad {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const issues: EditionIssue[] = [];
  const entries: { edition: Edition; source: string }[] = [];
  for (const file of files) {
    const source = `${label}/${file}`;
    const result = loadEditionFile(`${dir}/${file}`, source);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    if (`${result.edition.id}.json` !== file) {
      issues.push({
        path: 'id',
        message: `${source}: edition "${result.edition.id}": field "id": the file must be named ${result.edition.id}.json: rename the file or correct the id`,
      });
      continue;
    }
    entries.push({ edition: result.edition, source });
  }
  if (files.length === 0) {
    issues.push({ path: '', message: `${label}: no edition files (*.json) found` });
  }
  issues.push(...validateCatalogue(entries));
  return issues.length === 0
    ? { ok: true, editions: entries.map((e) => e.edition) }
    : { ok: false, issues };
}

let cached: readonly Edition[] | undefined;

/**
 * The built-in editions from `frameworks/*.json`, validated, in file-name order; read once.
 * The edition objects are frozen (they are shared); the array is a fresh copy on each call.
 *
 * @throws CatalogueError listing every issue when any built-in file is invalid
 */
export function loadBuiltInCatalogue(): Edition[] {
  if (cached === undefined) {
    const result = loadCatalogueFrom(BUILT_IN_FRAMEWORKS_DIR, 'frameworks');
    if (!result.ok) throw new CatalogueError(result.issues);
    cached = result.editions.map(deepFreeze);
  }
  return [...cached];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
