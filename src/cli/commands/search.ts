/**
 * `kompass search "<query>" [--area N] [--from] [--to] [--municipality] [--lan] [--kind]
 * [--limit] [--json]`: the good-example search over published findings and texts.
 */
import type { Command } from 'commander';
import { searchFindings, type SearchResult } from '../../use-cases/search-findings.ts';
import type { CliIo } from '../io.ts';
import { queryFailure, wholeNumber } from './average.ts';
import { withDatabase } from './migrate.ts';

interface SearchOptions {
  area?: number;
  from?: number;
  to?: number;
  municipality?: string;
  lan?: string;
  kind?: string[];
  limit?: number;
  json?: boolean;
}

/** Marked, escaped HTML as plain text with the matched words in *stars*. */
function stars(html: string): string {
  return html
    .replaceAll(/<\/?mark>/g, '*')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The lines printed without --json: one block per hit, matched words in *stars*. */
export function formatSearch(result: SearchResult): string[] {
  const lines = [`${result.total} hit${result.total === 1 ? '' : 's'} for "${result.query}"`];
  for (const hit of result.hits) {
    lines.push(
      '',
      `${hit.municipalityName} ${hit.year}, area ${hit.area}, ${hit.kindLabel}` +
        (hit.headingHtml ? ` · ${stars(hit.headingHtml)}` : ''),
      `  ${stars(hit.snippetHtml)}`,
      `  ${hit.link.href}`,
    );
  }
  return lines;
}

export function registerSearch(program: Command, io: CliIo): void {
  program
    .command('search')
    .description('Search the published strengths, improvement areas, good examples and texts.')
    .argument('<query>', 'words to search for (Swedish stemming: "dialogen" finds "dialog")')
    .option('--area <n>', 'only area N (1–8)', wholeNumber)
    .option('--from <yyyy>', 'evaluations from this year', wholeNumber)
    .option('--to <yyyy>', 'evaluations up to this year', wholeNumber)
    .option('--municipality <kod>', 'only this municipality (kommunkod)')
    .option('--lan <kod>', 'only this län (two digits)')
    .option('--kind <kind...>', 'only these kinds: strength, improvement, good-example, text')
    .option('--limit <n>', 'hits to show (default 20, at most 100)', wholeNumber)
    .option('--json', 'print the result as JSON')
    .action(async (query: string, options: SearchOptions) => {
      await withDatabase(io, async (database) => {
        try {
          const result = await searchFindings({
            db: database.db,
            query,
            ...(options.area === undefined ? {} : { area: options.area }),
            ...(options.from === undefined ? {} : { yearFrom: options.from }),
            ...(options.to === undefined ? {} : { yearTo: options.to }),
            ...(options.municipality === undefined
              ? {}
              : { municipalityCode: options.municipality }),
            ...(options.lan === undefined ? {} : { lanCode: options.lan }),
            ...(options.kind === undefined ? {} : { kinds: options.kind }),
            ...(options.limit === undefined ? {} : { limit: options.limit }),
          });
          io.out(
            options.json
              ? `${JSON.stringify(result, null, 2)}\n`
              : `${formatSearch(result).join('\n')}\n`,
          );
        } catch (error) {
          throw queryFailure(error);
        }
      });
    });
}
