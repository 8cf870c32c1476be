/**
 * The gap analysis page: per area of the evaluation's edition, the municipality's self-assessed
 * level, the evaluators' score, the difference and whether the municipality rates itself above
 * or below the evaluators, with the questions left out and why. A text per area says it in
 * words, so the table is not the only way to read it.
 */
import type { AreaGap, GapDirection, MissingReason } from '../../../domain/gap/index.ts';
import { IN_LINE_TOLERANCE } from '../../../domain/gap/index.ts';
import type { GapAnalysis, GapRefusal } from '../../../use-cases/gap/analyse-gap.ts';
import { formatMonthYear, formatNumber } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import { renderPage } from '../../views/layout.tsx';

export const gapPath = (code: string) => `/kommuner/${code}/gapanalys`;

const DIRECTION_LABEL: Record<GapDirection, string> = {
  above: 'Högre än utvärderarna',
  below: 'Lägre än utvärderarna',
  'in-line': 'I linje med utvärderarna',
};

const MISSING_LABEL: Record<MissingReason, string> = {
  unanswered: 'obesvarad',
  'multiple-ticked': 'två rutor ikryssade, behöver lösas',
  'off-scale': 'svar utanför skalan',
};

const points = (value: number) => formatNumber(Math.abs(value), 1);

/** "Kommunen skattar sig 21,3 poäng högre än utvärderarna." */
export function gapSentence(area: AreaGap): string {
  if (area.difference === null || area.direction === null) {
    return area.selfLevel === null
      ? 'Går inte att jämföra: ingen av områdets frågor har ett entydigt svar.'
      : 'Går inte att jämföra: utvärderingen har ingen poäng för området.';
  }
  if (area.direction === 'in-line') {
    return `I linje med utvärderarna (${points(area.difference)} poängs skillnad).`;
  }
  return `Kommunen skattar sig ${points(area.difference)} poäng ${area.direction === 'above' ? 'högre' : 'lägre'} än utvärderarna.`;
}

function signed(value: number | null): string {
  if (value === null) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(value), 1)}`;
}

export function renderGapPage(
  chrome: PageChrome,
  municipality: { code: string; name: string },
  outcome: { ok: true; analysis: GapAnalysis } | ({ ok: false } & GapRefusal),
): string {
  const title = `Gapanalys: ${municipality.name}`;
  const body = outcome.ok ? (
    <GapBody analysis={outcome.analysis} />
  ) : (
    <p class="notice">{refusalText(outcome)}</p>
  );
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
        <p class="lead">
          Kommunens självvärdering jämförd med utvärderarnas poäng per område. Sidan är inte
          offentlig: den visas för kommunens användare, utvärderare och administratörer.
        </p>
        {body}
      </>
    ),
  });
}

function refusalText(refusal: GapRefusal): string {
  switch (refusal.reason) {
    case 'unknown-municipality':
      return 'Kommunen finns inte.';
    case 'no-self-assessment':
      return `${refusal.municipalityName} har ingen inlämnad självvärdering ännu. När en självvärdering är inlämnad visas jämförelsen här.`;
    case 'no-evaluation':
      return `${refusal.municipalityName} har ingen publicerad utvärdering att jämföra självvärderingen med.`;
    case 'no-mapping':
      return `Det finns ingen koppling mellan frågorna i ${refusal.selfAssessmentEditionId} och områdena i ${refusal.editionId}. En administratör kan lägga till den (kompass gap-mapping set).`;
  }
}

function GapBody({ analysis }: { analysis: GapAnalysis }) {
  const { selfAssessment: sa, evaluation, gap } = analysis;
  return (
    <>
      <dl class="facts">
        <div>
          <dt>Självvärdering</dt>
          <dd>
            {sa.editionName}, {formatMonthYear(sa.year, sa.month)}
          </dd>
        </div>
        <div>
          <dt>Utvärdering</dt>
          <dd>
            <a href={`/utvarderingar/${evaluation.id}`}>
              {evaluation.editionName}, {formatMonthYear(evaluation.year, evaluation.month)}
            </a>
          </dd>
        </div>
        <div>
          <dt>Sammanfattning</dt>
          <dd>
            {formatNumber(gap.summary.above)} områden högre, {formatNumber(gap.summary.below)} lägre
            och {formatNumber(gap.summary['in-line'])} i linje med utvärderarna
            {gap.summary.unknown > 0
              ? `; ${formatNumber(gap.summary.unknown)} går inte att jämföra`
              : ''}
            .
          </dd>
        </div>
      </dl>
      <p class="muted">
        Självvärderingens svar räknas om till en nivå från 0 till 100: Ej alls 0, Delvis 33,3, I hög
        grad 66,7 och Fullt ut 100. Områdets nivå är medelvärdet av de frågor som hör till området
        och har exakt ett svar. Utvärderarnas poäng är områdets poäng av 100. En skillnad på högst{' '}
        {IN_LINE_TOLERANCE} poäng räknas som i linje. Kopplingen mellan frågor och områden har
        version {analysis.mapping.version}.
      </p>
      <table class="data-table">
        <caption>Självvärdering och utvärdering per område</caption>
        <thead>
          <tr>
            <th scope="col">Område</th>
            <th scope="col" class="number">
              Självvärdering (0–100)
            </th>
            <th scope="col" class="number">
              Utvärderarnas poäng (%)
            </th>
            <th scope="col" class="number">
              Skillnad
            </th>
            <th scope="col">Bedömning</th>
            <th scope="col">Frågor</th>
          </tr>
        </thead>
        <tbody>
          {gap.areas.map((area) => (
            <tr key={area.area}>
              <th scope="row">
                {area.area}. {area.name}
              </th>
              <td class="number">{formatNumber(area.selfLevel, 1)}</td>
              <td class="number">{formatNumber(area.evaluated, 1)}</td>
              <td class="number">{signed(area.difference)}</td>
              <td>
                {area.direction ? <strong>{DIRECTION_LABEL[area.direction]}. </strong> : null}
                {gapSentence(area)}
              </td>
              <td>
                {formatNumber(area.answered)} av {formatNumber(area.questions.length)} besvarade
                {area.questions.length > 0 ? ` (frågorna ${area.questions.join(', ')})` : ''}
                {area.missing.length > 0 ? (
                  <>
                    . Utelämnade:{' '}
                    {area.missing
                      .map((m) => `fråga ${m.id} (${MISSING_LABEL[m.reason]})`)
                      .join(', ')}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
