import { readFileSync } from 'node:fs';

/** A Swedish municipality (kommun) as registered by SCB. */
export interface Municipality {
  /** SCB kommunkod, four digits, e.g. "0486". */
  code: string;
  name: string;
  /** Länskod, two digits, e.g. "04". */
  lanCode: string;
  lanName: string;
}

const HEADER = 'kommunkod,kommun,lanskod,lan';
const EXPECTED_COUNT = 290;

/**
 * Parses the municipality register CSV (header `kommunkod,kommun,lanskod,lan`, no quoting).
 * Throws with the file and line of the first row that breaks the format.
 */
export function parseMunicipalityCsv(text: string, source: string): Municipality[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) {
    throw new Error(`${source}:1: expected the header "${HEADER}", found "${lines[0] ?? ''}"`);
  }
  const seen = new Set<string>();
  const rows: Municipality[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 2;
    const [code, name, lanCode, lanName, ...rest] = line.split(',').map((cell) => cell.trim());
    if (!code || !name || !lanCode || !lanName || rest.length > 0) {
      throw new Error(
        `${source}:${lineNumber}: expected 4 comma-separated fields, found "${line}"`,
      );
    }
    if (!/^\d{4}$/.test(code) || !/^\d{2}$/.test(lanCode) || !code.startsWith(lanCode)) {
      throw new Error(
        `${source}:${lineNumber}: kommunkod "${code}" must be 4 digits starting with its länskod "${lanCode}"`,
      );
    }
    if (seen.has(code)) throw new Error(`${source}:${lineNumber}: kommunkod ${code} appears twice`);
    seen.add(code);
    rows.push({ code, name, lanCode, lanName });
  });
  if (rows.length !== EXPECTED_COUNT) {
    throw new Error(`${source}: expected ${EXPECTED_COUNT} municipalities, found ${rows.length}`);
  }
  return rows;
}

const REGISTER_URL = new URL('../../reference/municipalities.csv', import.meta.url);
let cached: Municipality[] | undefined;

/** All 290 Swedish municipalities from `reference/municipalities.csv`, read once. */
export function loadMunicipalities(): Municipality[] {
  cached ??= parseMunicipalityCsv(
    readFileSync(REGISTER_URL, 'utf8'),
    'reference/municipalities.csv',
  );
  return cached;
}
