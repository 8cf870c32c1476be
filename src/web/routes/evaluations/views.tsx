import { Fragment } from 'preact';
import type { StoredEdition } from '../../../db/repositories/editions.ts';
import type {
  AreaScore,
  EvaluationRecord,
  Finding,
  FindingKind,
} from '../../../db/repositories/evaluations.ts';
import type { Municipality } from '../../../db/repositories/municipalities.ts';
import {
  formatCount,
  formatDate,
  formatIsoDate,
  formatNumber,
  formatPercent,
  formatShare,
} from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import type { PublishedEvaluationView } from '../../queries/public.ts';
import { Facts } from '../../views/components.tsx';
import { CorrectionNotice } from '../history/corrections.tsx';
import type { CorrectionNote } from '../history/load.ts';
import { EVALUATION_KIND_LABEL, FINDING_KIND_HEADING } from '../../views/labels.ts';
import { renderPage } from '../../views/layout.tsx';
import { evaluationTitle } from '../municipalities/views.tsx';
import { readFacts } from './facts.ts';
import { RoleModelsSection } from './role-models.tsx';
import type { RoleModelsResult } from '../../../use-cases/find-role-models.ts';

const AREA_MAX = 100;

/** An area's score as the source printed it, else the stored exact score. */
const shownScore = (area: AreaScore | undefined) => (area ? (area.printed ?? area.score) : null);

/** The total as printed; else the sum of the shown area scores; null without any. */
export function shownTotal(
  evaluation: Pick<EvaluationRecord, 'totalPrinted' | 'areas'>,
): number | null {
  if (evaluation.totalPrinted !== null) return evaluation.totalPrinted;
  if (evaluation.areas.length === 0) return null;
  return evaluation.areas.reduce((sum, area) => sum + (shownScore(area) ?? 0), 0);
}

/** A column of the area table: a heading and a score per area number, and a total. */
interface ScoreColumn {
  key: string;
  heading: string;
  score(area: number): number | null;
  total: number | null;
}

function columnsOf(view: PublishedEvaluationView): ScoreColumn[] {
  const { evaluation, municipality, previous, series } = view;
  const byNumber = (areas: AreaScore[]) => new Map(areas.map((area) => [area.number, area]));
  const own = byNumber(evaluation.areas);
  const columns: ScoreColumn[] = [
    {
      key: 'this',
      heading: `${municipality.name} ${evaluation.year}`,
      score: (area) => shownScore(own.get(area)),
      total: shownTotal(evaluation),
    },
  ];
  if (previous) {
    const theirs = byNumber(previous.areas);
    columns.push({
      key: 'previous',
      heading: `${municipality.name} ${previous.year}`,
      score: (area) => shownScore(theirs.get(area)),
      total: shownTotal(previous),
    });
  }
  for (const item of series) {
    const scores = new Map(item.areas.map((area) => [area.number, area.score]));
    columns.push({
      key: item.id,
      heading: item.basis ? `${item.label} (${item.basis})` : item.label,
      score: (area) => scores.get(area) ?? null,
      total:
        item.total ??
        (item.areas.length > 0 ? item.areas.reduce((sum, area) => sum + area.score, 0) : null),
    });
  }
  return columns;
}

function AreaTable({ view }: { view: PublishedEvaluationView }) {
  const { evaluation, edition, municipality } = view;
  const areas = edition.definition.areas;
  const columns = columnsOf(view);
  const totalMax = areas.length * AREA_MAX;
  return (
    <table class="data-table score-table">
      <caption>
        Poäng per område för {municipality.name} {evaluation.year} (högst {AREA_MAX} per område)
      </caption>
      <thead>
        <tr>
          <th scope="col">Område</th>
          {columns.map((column) => (
            <th scope="col" class="number" key={column.key}>
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {areas.map((area) => (
          <tr key={area.number}>
            <th scope="row">
              {area.number}. {area.name}
            </th>
            {columns.map((column) => (
              <td class="number" key={column.key}>
                {formatNumber(column.score(area.number))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Totalt (av {formatNumber(totalMax)})</th>
          {columns.map((column) => (
            <td class="number" key={column.key}>
              {formatNumber(column.total)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

const FINDING_ORDER: readonly FindingKind[] = ['strength', 'improvement', 'good-example'];

/** Findings with the same kind, heading and text, merged: one line naming every municipality. */
interface FindingLine {
  key: string;
  heading: string | null;
  text: string;
  municipalities: Municipality[];
}

export function findingLines(
  findings: readonly Finding[],
  referenced: Map<string, Municipality>,
): FindingLine[] {
  const lines: FindingLine[] = [];
  const byText = new Map<string, FindingLine>();
  for (const finding of findings) {
    const key = `${finding.heading ?? ''}\u0000${finding.text}`;
    let line = byText.get(key);
    if (!line) {
      line = { key: finding.id, heading: finding.heading, text: finding.text, municipalities: [] };
      byText.set(key, line);
      lines.push(line);
    }
    const other = finding.referenceMunicipalityCode
      ? referenced.get(finding.referenceMunicipalityCode)
      : undefined;
    if (other && !line.municipalities.includes(other)) line.municipalities.push(other);
  }
  return lines;
}

function FindingList({
  kind,
  findings,
  referenced,
}: {
  kind: FindingKind;
  findings: readonly Finding[];
  referenced: Map<string, Municipality>;
}) {
  if (findings.length === 0) return null;
  return (
    <div class={`findings findings--${kind}`}>
      <h4>{FINDING_KIND_HEADING[kind]}</h4>
      <ul>
        {findingLines(findings, referenced).map((line) => (
          <li key={line.key}>
            {line.heading ? <span class="finding-heading">{line.heading}: </span> : null}
            {line.text}
            {line.municipalities.length === 0 ? null : (
              <>
                {' ('}
                {line.municipalities.map((other, index) => (
                  <Fragment key={other.code}>
                    {index === 0 ? '' : ', '}
                    <a href={`/kommuner/${other.code}`}>{other.name}</a>
                  </Fragment>
                ))}
                {')'}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AreaSections({ view }: { view: PublishedEvaluationView }) {
  const { evaluation, edition, referenced } = view;
  const scores = new Map(evaluation.areas.map((area) => [area.number, area]));
  return (
    <>
      {edition.definition.areas.map((area) => {
        const found = evaluation.findings.filter((finding) => finding.area === area.number);
        const score = shownScore(scores.get(area.number));
        const headingId = `omrade-${area.number}`;
        return (
          <section class="area" aria-labelledby={headingId} key={area.number}>
            <h3 id={headingId}>
              {area.number}. {area.name}
              {score === null ? null : (
                <span class="area-score">
                  {' '}
                  – {formatNumber(score)} av {AREA_MAX} poäng
                </span>
              )}
            </h3>
            {found.length === 0 ? (
              <p class="muted">
                Inga styrkor eller förbättringsområden är publicerade för området.
              </p>
            ) : (
              <div class="finding-columns">
                {FINDING_ORDER.map((kind) => (
                  <FindingList
                    key={kind}
                    kind={kind}
                    findings={found.filter((finding) => finding.kind === kind)}
                    referenced={referenced}
                  />
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

function MunicipalityFacts({ evaluation }: { evaluation: EvaluationRecord }) {
  const facts = readFacts(evaluation.facts);
  const about = (approximate: boolean) => (approximate ? 'cirka ' : '');
  const items: Array<[string, string | undefined]> = [
    [
      'Invånare',
      facts.population
        ? `${about(facts.population.approximate)}${formatNumber(facts.population.value)}`
        : undefined,
    ],
    [
      facts.taxRate?.year ? `Skattesats ${facts.taxRate.year}` : 'Skattesats',
      facts.taxRate
        ? `${formatPercent(facts.taxRate.rate, 2)}${
            facts.taxRate.national === undefined
              ? ''
              : ` (riket ${formatPercent(facts.taxRate.national, 2)})`
          }`
        : undefined,
    ],
    [
      facts.rulingParties?.electionYear
        ? `Styrande partier efter valet ${facts.rulingParties.electionYear}`
        : 'Styrande partier',
      facts.rulingParties?.parties.join(', '),
    ],
  ];
  if (items.every(([, value]) => value === undefined)) return null;
  return (
    <section aria-labelledby="fakta">
      <h2 id="fakta">Fakta om kommunen</h2>
      <Facts items={items} />
    </section>
  );
}

function editionNote(
  edition: StoredEdition,
  other: { editionId: string; editionName: string },
): string | undefined {
  if (edition.id === other.editionId) return undefined;
  return (
    `Utvärderingarna gjordes med olika utgåvor av Kommunkompassen (${other.editionName} och ` +
    `${edition.name}). Frågorna skiljer sig åt, så jämför resultaten per område med försiktighet.`
  );
}

/**
 * The public summary of a published evaluation. `corrections`: the published corrections of its
 * revision chain (when, by whom, why), shown as a notice; none for an uncorrected evaluation.
 */
export function renderEvaluationPage(
  view: PublishedEvaluationView,
  chrome: PageChrome = {},
  corrections: readonly CorrectionNote[] = [],
  roleModels?: RoleModelsResult,
): string {
  const { evaluation, municipality, edition, previous, supersededBy } = view;
  const title = `${municipality.name}: ${evaluationTitle(evaluation)}`;
  const facts = readFacts(evaluation.facts);
  const total = shownTotal(evaluation);
  const totalMax = edition.definition.areas.length * AREA_MAX;
  const note = previous ? editionNote(edition, previous) : undefined;
  const strengths = evaluation.findings.filter((finding) => finding.kind === 'strength').length;
  const improvements = evaluation.findings.filter(
    (finding) => finding.kind === 'improvement',
  ).length;
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href="/kommuner">Kommuner</a> /{' '}
          <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a>
        </p>
        <h1>{title}</h1>
        {supersededBy ? (
          <p class="notice">
            Det här är en tidigare version som har rättats.{' '}
            <a href={`/utvarderingar/${supersededBy}`}>Se den gällande versionen</a>.
          </p>
        ) : null}
        <CorrectionNotice corrections={corrections} />
        <Facts
          items={[
            ['Kommun', <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a>],
            ['Utgåva', edition.name],
            ['Resultat', EVALUATION_KIND_LABEL[evaluation.kind]],
            [
              'Totalt',
              total === null
                ? undefined
                : `${formatNumber(total)} av ${formatNumber(totalMax)} poäng (${formatShare(total, totalMax)})`,
            ],
            ['Utvärderare', facts.evaluators.length > 0 ? facts.evaluators.join('; ') : undefined],
            [
              'Intervjuade personer',
              facts.interviews
                ? `${facts.interviews.approximate ? 'cirka ' : ''}${formatNumber(facts.interviews.count)}`
                : undefined,
            ],
            [
              'Publicerad',
              evaluation.publishedAt ? (
                <time datetime={formatIsoDate(evaluation.publishedAt)}>
                  {formatDate(evaluation.publishedAt)}
                </time>
              ) : undefined,
            ],
          ]}
        />
        <p class="report-links">
          <a href={`/utvarderingar/${evaluation.id}/rapport`}>Läs hela rapporten</a> ·{' '}
          <a href={`/utvarderingar/${evaluation.id}/rapport.pdf`}>Rapporten som PDF</a> ·{' '}
          <a href={`/utvarderingar/${evaluation.id}/rapport.xlsx`}>Poängen som Excel</a>
          {evaluation.kind === 'self-assessment' ? null : (
            <>
              {' '}
              · <a href={`/utvarderingar/${evaluation.id}/uppfoljning`}>Uppföljning och åtgärder</a>
            </>
          )}
        </p>
        <section aria-labelledby="resultat">
          <h2 id="resultat">Resultat per område</h2>
          {evaluation.areas.length === 0 ? (
            <p>Utvärderingen har inga publicerade poäng per område.</p>
          ) : (
            <AreaTable view={view} />
          )}
          {note ? <p class="notice">{note}</p> : null}
          {view.series.length > 0 ? (
            <p class="muted">
              Jämförelsevärdena är hämtade från den publicerade rapporten, så som de trycktes där.
            </p>
          ) : null}
        </section>
        <section aria-labelledby="omraden">
          <h2 id="omraden">Styrkor och förbättringsområden</h2>
          <p>
            {formatCount(strengths, 'styrka', 'styrkor')} och{' '}
            {formatCount(improvements, 'förbättringsområde', 'förbättringsområden')} i{' '}
            {formatCount(edition.definition.areas.length, 'område', 'områden')}.
          </p>
          <AreaSections view={view} />
        </section>
        {roleModels ? <RoleModelsSection result={roleModels} /> : null}
        <MunicipalityFacts evaluation={evaluation} />
      </>
    ),
  });
}
