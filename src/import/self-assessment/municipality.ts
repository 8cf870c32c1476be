/** A register entry: the name as SCB spells it and the kommunkod. */
interface Municipality {
  name: string;
  code: string;
}

/** Where the applicant names itself, and how much that place counts. */
interface Sighting {
  name: string;
  offset: number;
  weight: number;
}

export type MunicipalityMatch =
  | { found: true; municipality: Municipality; offset: number; rivals: Municipality[] }
  | { found: false; unknownName?: string; offset?: number };

const WORD = String.raw`[\p{L}][\p{L}\-]*`;
/** The word "kommun" on its own ("Södertälje kommun", "Upplands-Bro\nKOMMUN"). */
const KOMMUN = /(?<![\p{L}])kommun(?![\p{L}])/giu;
const NAME_WORD = new RegExp(`^${WORD}$`, 'u');
/** The theme headings: "Hur gör Södertälje för att …?" */
const HUR_GOR = new RegExp(
  String.raw`hur\s+gör\s+((?:${WORD}\s+){0,2}?${WORD})\s+för\s+att`,
  'giu',
);
/** Markup that hides a name from the patterns: bold, headings, HTML tags. */
const MARKUP = /\*\*|__|<[^>]*>|^#{1,6}\s/gm;

/**
 * Finds the municipality an application is from: the name in "Hur gör X för att …", in
 * "X kommun" and on a title line of its own, looked up in the register (any case, also in the
 * genitive "Södertäljes"). The best-supported name wins; the others are returned as rivals.
 */
export function findMunicipality(
  text: string,
  municipalities: readonly Municipality[],
): MunicipalityMatch {
  const byName = nameIndex(municipalities);
  // Same length as the text, so offsets still point at the right line.
  const plain = text.replace(MARKUP, (markup) => ' '.repeat(markup.length));
  const sightings: Sighting[] = [];
  const unknown: Sighting[] = [];
  const lookup = (words: string, offset: number, weight: number, reportUnknown: boolean): void => {
    const parts = words.split(/\s+/).filter((part) => part.length > 0);
    for (let take = Math.min(parts.length, 3); take >= 1; take -= 1) {
      const candidate = parts.slice(parts.length - take).join(' ');
      const key = candidate.toLowerCase();
      const name = byName.has(key) ? key : key.endsWith('s') ? key.slice(0, -1) : undefined;
      if (name !== undefined && byName.has(name)) {
        sightings.push({
          name,
          offset: offset + words.lastIndexOf(parts[parts.length - take] ?? ''),
          weight,
        });
        return;
      }
    }
    const last = parts[parts.length - 1];
    if (reportUnknown && last !== undefined && !/^kommun/i.test(last)) {
      unknown.push({ name: last, offset, weight });
    }
  };
  for (const match of plain.matchAll(HUR_GOR)) {
    lookup(match[1] ?? '', match.index + match[0].indexOf(match[1] ?? ''), 5, true);
  }
  for (const match of plain.matchAll(KOMMUN)) {
    // Up to three words just before "kommun".
    const before = plain.slice(Math.max(0, match.index - 80), match.index);
    if (!/\s$/.test(before)) continue;
    const words: string[] = [];
    for (const word of before.trimEnd().split(/\s+/).reverse()) {
      if (words.length === 3 || !NAME_WORD.test(word)) break;
      words.unshift(word);
    }
    if (words.length === 0) continue;
    const offset = match.index - before.length + before.lastIndexOf(words[0] ?? '');
    lookup(words.join(' '), offset, 3, offset < 2000);
  }
  let offset = 0;
  for (const [index, line] of plain.split('\n').entries()) {
    const title = line.trim().toLowerCase();
    if (index < 40 && byName.has(title)) sightings.push({ name: title, offset, weight: 4 });
    offset += line.length + 1;
  }

  const scores = new Map<string, { score: number; offset: number }>();
  for (const sighting of sightings) {
    const entry = scores.get(sighting.name);
    if (entry === undefined)
      scores.set(sighting.name, { score: sighting.weight, offset: sighting.offset });
    else entry.score += sighting.weight;
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const best = ranked[0];
  const municipality = best === undefined ? undefined : byName.get(best[0]);
  if (best === undefined || municipality === undefined) {
    const strongest = [...unknown].sort((a, b) => b.weight - a.weight || a.offset - b.offset)[0];
    return strongest === undefined
      ? { found: false }
      : { found: false, unknownName: strongest.name, offset: strongest.offset };
  }
  const rivals = ranked
    .slice(1)
    .filter(([, entry]) => entry.score === best[1].score)
    .flatMap(([name]) => byName.get(name) ?? []);
  return { found: true, municipality, offset: best[1].offset, rivals };
}

const indexes = new WeakMap<readonly Municipality[], Map<string, Municipality>>();

/** The register by lower-case name, built once per register array. */
function nameIndex(municipalities: readonly Municipality[]): Map<string, Municipality> {
  let index = indexes.get(municipalities);
  if (index === undefined) {
    index = new Map(
      municipalities.map((municipality) => [municipality.name.toLowerCase(), municipality]),
    );
    indexes.set(municipalities, index);
  }
  return index;
}
