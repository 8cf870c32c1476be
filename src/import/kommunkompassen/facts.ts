import { lineAt, parseSwedishNumber } from '../text/index.ts';
import { MONTHS, type Issues, type Stream } from './document.ts';
import type { MunicipalityMatcher } from './municipality.ts';
import type { AreaSection } from './sections.ts';
import type { AnalysisFacts, Evaluator, MunicipalityRef } from './types.ts';

const NOT_IN_REGISTER = 'a municipality name from the register (reference/municipalities.csv)';

/** Where the front matter (title page, contents) ends: at the standard opening of chapter 1. */
export function frontMatterEnd(stream: Stream): number {
  const opening = stream.text.search(/Kommunkompassen är ett verktyg/i);
  return opening > 0 ? opening : Math.min(stream.text.length, 2500);
}

/** The words of a phrase up to "kommun", as printed, for a message. */
function printedName(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  const end = words.findIndex((word) => /^(?:kommun|kommuns|stad)\b/i.test(word));
  return words.slice(0, end > 0 ? Math.min(end, 3) : 1).join(' ');
}

/**
 * The evaluated municipality, from the title ("Analys av Södertälje kommun"), the table caption
 * ("Tabell 1 Upplands-Bro kommun 2011") and the evaluation sentence ("Utvärderingen av … "),
 * matched to the register. A name not in the register is an error, never a guess.
 */
export function findMunicipality(
  stream: Stream,
  matcher: MunicipalityMatcher,
  issues: Issues,
): MunicipalityRef | undefined {
  const anchors = [
    /\banalys av\s+/gi,
    /\bTabell\s+\d+\s+/g,
    /\butvärderingen av\s+/gi,
    /(?:^|\n)[#\d.\s]*(?=\S+(?:[ -]\S+)?\s+kommuns?(?:\s+i förhållande|:))/g,
  ];
  const found: { municipality: MunicipalityRef; line: number | undefined }[] = [];
  const unknown: { printed: string; line: number | undefined }[] = [];
  for (const anchor of anchors) {
    for (const match of stream.text.matchAll(anchor)) {
      const at = match.index + match[0].length;
      const phrase = stream.text.slice(at, at + 80);
      const line = stream.lineAt(at);
      const mention = matcher.matchStart(phrase);
      if (mention) found.push({ municipality: mention.municipality, line });
      else if (/^\S+(?:[ -]\S+)?\s+kommun/i.test(phrase) || anchor.source.includes('analys')) {
        unknown.push({ printed: printedName(phrase), line });
      }
    }
  }
  if (found.length === 0) {
    const first = unknown[0];
    if (first) {
      issues.error(
        first.line,
        `the municipality "${first.printed}" is not in the register`,
        NOT_IN_REGISTER,
      );
    } else {
      issues.error(1, 'no municipality name found', 'a title such as "Analys av Strängnäs kommun"');
    }
    return undefined;
  }
  const counts = new Map<string, number>();
  for (const item of found)
    counts.set(item.municipality.code, (counts.get(item.municipality.code) ?? 0) + 1);
  const [code] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  const chosen = found.find((item) => item.municipality.code === code) ?? found[0];
  if (counts.size > 1) {
    const names = [...new Set(found.map((item) => item.municipality.name))].join(', ');
    issues.warn(
      chosen?.line,
      `the report names more than one municipality in its titles (${names}); ${chosen?.municipality.name ?? ''} is used`,
    );
  }
  return chosen?.municipality;
}

const MONTH_YEAR = new RegExp(`\\b(${MONTHS.join('|')})\\s+((?:19|20)\\d{2})(?!\\d)`, 'i');

/** The year and month of the evaluation: the title page first, then the evaluation sentence. */
export function findDate(
  stream: Stream,
): { year: number; month: number; line?: number } | undefined {
  const front = stream.text.slice(0, frontMatterEnd(stream));
  const sentence = /genomfördes[^.]{0,80}/i.exec(stream.text);
  for (const [text, offset] of [
    [front, 0],
    [sentence?.[0] ?? '', sentence?.index ?? 0],
  ] as const) {
    const match = MONTH_YEAR.exec(text);
    if (match) {
      const month = MONTHS.indexOf((match[1] ?? '').toLowerCase() as (typeof MONTHS)[number]) + 1;
      const line = stream.lineAt(offset + match.index);
      return { year: Number(match[2]), month, ...(line === undefined ? {} : { line }) };
    }
  }
  return undefined;
}

const PARTY =
  /(?<![\p{L}])(Socialdemokraterna|Moderaterna|Moderata samlingspartiet|Liberalerna|Folkpartiet|Centerpartiet|Centern|Kristdemokraterna|Miljöpartiet|Vänsterpartiet|Sverigedemokraterna|Pensionärspartiet|Nationaldemokraterna|Feministiskt initiativ|[\p{L}-]+partiet)(?![\p{L}])/giu;
const NAME = '[A-ZÅÄÖ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéüø]+)?';
const ORGANISATION =
  'Sveriges Kommuner och (?:Landsting|Regioner)|SKL|SKR|konsult|Norska KS|KS|KL|Kommunförbundet|Landstingsförbundet';
const EVALUATOR = new RegExp(`(${NAME} ${NAME})(,\\s*| )(${ORGANISATION})(?![\\p{L}])`, 'gu');
const ORDINALS = ['första', 'andra', 'tredje', 'fjärde', 'femte', 'sjätte'];
const ROLE_MODEL_CUE =
  /intressant|förebild|föredöme|studera|titta på|inspiration|ta del av|lära av/i;

function sentences(text: string): { text: string; offset: number }[] {
  return [...text.matchAll(/[^.!?\n]+(?:[.!?]+|(?=\n)|$)/g)].map((match) => ({
    text: match[0],
    offset: match.index,
  }));
}

function parties(text: string): string[] {
  return [...text.matchAll(PARTY)].map((match) => match[1] ?? '');
}

/** Population, tax rate, ruling parties, seats, interviews, evaluators, evaluation number. */
export function readFacts(stream: Stream, issues: Issues): AnalysisFacts {
  const text = stream.text;
  const facts: AnalysisFacts = {};
  const lineOf = (offset: number): { line?: number } => {
    const line = stream.lineAt(offset);
    return line === undefined ? {} : { line };
  };

  const population =
    /(?:bor|har)\s+((?:drygt|knappt|ca\.?|cirka|omkring|nära|närmare|över|runt)\s+)?(\d{1,3}(?: \d{3})+|\d{4,7})\s+(?:personer|invånare)/i.exec(
      text,
    );
  if (population) {
    const value = parseSwedishNumber(population[2] ?? '');
    if (value !== null) {
      facts.population = {
        value,
        approximate: population[1] !== undefined,
        text: `${population[1] ?? ''}${population[2] ?? ''}`.trim(),
        ...lineOf(population.index),
      };
    }
  }

  const tax =
    /skattesats(?:\s+((?:19|20)\d{2}))?[^\d]{0,60}?(\d{1,2}[.,]\d{1,2})(?:[^\d]{0,20}?riket\s+(\d{1,2}[.,]\d{1,2}))?/i.exec(
      text,
    );
  const rate = parseSwedishNumber(tax?.[2] ?? '');
  if (tax && rate !== null) {
    const national = parseSwedishNumber(tax[3] ?? '');
    facts.taxRate = {
      ...(tax[1] ? { year: Number(tax[1]) } : {}),
      rate,
      ...(national === null ? {} : { national }),
      ...lineOf(tax.index),
    };
  }

  for (const sentence of sentences(text)) {
    if (!/majoritet|koalition|styrts|styret|styrande|styr kommunen/i.test(sentence.text)) continue;
    const found = parties(sentence.text);
    if (found.length === 0) continue;
    const election = /val(?:et|en)\s+((?:19|20)\d{2})/i.exec(sentence.text);
    facts.rulingParties = {
      parties: found,
      ...(election ? { electionYear: Number(election[1]) } : {}),
      ...lineOf(sentence.offset),
    };
    break;
  }

  const seatsAnchor = /mandat\s*fördelning(?:en)?\s+efter\s+valet\s+((?:19|20)\d{2})/i.exec(text);
  if (seatsAnchor) {
    const region = text.slice(seatsAnchor.index + seatsAnchor[0].length, seatsAnchor.index + 900);
    let end = 0;
    for (const match of region.matchAll(/(\d{1,3})\s+mandat/g)) {
      if (end > 0 && match.index - end > 80) break;
      end = match.index + match[0].length;
    }
    const list = region.slice(0, end);
    const names = parties(list);
    const seats = [...list.matchAll(/(\d{1,3})\s+mandat/g)].map((match) => Number(match[1]));
    if (names.length > 0 && names.length === seats.length) {
      facts.seats = {
        electionYear: Number(seatsAnchor[1]),
        parties: names.map((party, index) => ({ party, seats: seats[index] ?? 0 })),
        ...lineOf(seatsAnchor.index),
      };
    } else {
      issues.warn(
        stream.lineAt(seatsAnchor.index),
        `the seats after the election ${seatsAnchor[1] ?? ''} list ${String(names.length)} parties but ${String(seats.length)} seat counts; left out`,
        'one seat count per party',
      );
    }
  }

  const interviews =
    /intervjuer\s+med\s+((?:ett\s+)?(\d{1,4})-tal|(?:ca\.?|cirka|drygt|omkring|knappt|närmare|över)\s+(\d{1,4})|(\d{1,4}))\s+personer/i.exec(
      text,
    );
  if (interviews) {
    const count = Number(interviews[2] ?? interviews[3] ?? interviews[4]);
    facts.interviews = {
      count,
      approximate: interviews[4] === undefined,
      text: interviews[1] ?? '',
      ...lineOf(interviews.index),
    };
  }

  const front = text.slice(0, frontMatterEnd(stream));
  const evaluators: Evaluator[] = [...front.matchAll(EVALUATOR)].map((match) => ({
    text: match[0],
    name: match[1] ?? '',
    affiliation: match[3] ?? '',
  }));
  if (evaluators.length > 0) facts.evaluators = evaluators;

  const ordinal = new RegExp(`kommunens\\s+(${ORDINALS.join('|')})\\s+utvärdering`, 'i').exec(text);
  if (ordinal) facts.evaluationNumber = ORDINALS.indexOf((ordinal[1] ?? '').toLowerCase()) + 1;
  return facts;
}

/**
 * Other municipalities an area's text recommends learning from: a register name in a sentence
 * that calls something interesting, exemplary or worth studying.
 */
export function readRoleModels(
  sections: readonly AreaSection[],
  matcher: MunicipalityMatcher,
  subject: MunicipalityRef,
): NonNullable<AnalysisFacts['roleModels']> {
  const result: NonNullable<AnalysisFacts['roleModels']> = [];
  for (const section of sections) {
    const seen = new Set<string>();
    for (const block of section.blocks) {
      // A sentence with a cue is part of a block with one: most blocks have none.
      if (block.cells || !ROLE_MODEL_CUE.test(block.text)) continue;
      for (const sentence of sentences(block.text)) {
        if (!ROLE_MODEL_CUE.test(sentence.text)) continue;
        for (const mention of matcher.findAll(sentence.text)) {
          const { code } = mention.municipality;
          if (code === subject.code || seen.has(code)) continue;
          seen.add(code);
          result.push({
            area: section.number,
            municipality: mention.municipality,
            line: lineAt(block, sentence.offset + mention.index),
          });
        }
      }
    }
  }
  return result;
}
