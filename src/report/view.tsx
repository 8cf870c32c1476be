/**
 * The report as one self-contained HTML document (its CSS and the chart's SVG inline, no
 * scripts, no requests): the web page, the PDF (Chromium prints this very document) and the
 * saved copy are the same bytes. Text in Swedish, figures from the report model.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { renderRadarSvg, seriesLooks } from './chart.ts';
import { formatNumber, genitive } from './format.ts';
import type {
  AreaSection,
  DistributionArea,
  FindingItem,
  ReportModel,
  RoleModelGroup,
} from './model.ts';
import { REPORT_CSS } from './style.ts';

export interface RenderReportOptions {
  /** Links to the other formats (the web page shows them; the PDF and saved copies do not). */
  downloads?: Array<{ href: string; label: string }>;
  /** The radar's SVG, when the caller rendered it already (benchmarks, caches). */
  radarSvg?: string;
  /**
   * Link this stylesheet (`REPORT_CSS`, served by the caller) instead of inlining the CSS: for
   * pages under a Content Security Policy without inline styles. The running page header is
   * then left out (it is per report); the PDF always inlines.
   */
  stylesheetHref?: string;
}

const LINE_NAMES = { solid: 'heldragen linje', dashed: 'streckad linje', dotted: 'prickad linje' };
const SYMBOL_NAMES: Record<string, string> = {
  circle: 'cirklar',
  triangle: 'trianglar',
  rect: 'kvadrater',
  diamond: 'romber',
  pin: 'nålar',
  roundRect: 'rundade kvadrater',
  arrow: 'pilar',
};

/**
 * The whole report as an HTML document.
 *
 * @example
 * const html = renderReportHtml(buildReportModel(input));
 */
export function renderReportHtml(model: ReportModel, options: RenderReportOptions = {}): string {
  const radarSvg = options.radarSvg ?? renderRadarSvg(model.radar);
  const title = `Kommunkompassen: ${model.title}, ${model.period}`;
  const header = `Kommunkompassen · ${model.municipality.name} ${String(model.year)}`;
  const body = renderToString(<ReportBody model={model} radarSvg={radarSvg} options={options} />);
  // The running header is CSS (a page-margin box), so it lives in the stylesheet.
  const pageCss = `@page { @top-right { content: ${JSON.stringify(header)}; } }`;
  return (
    '<!doctype html>\n' +
    `<html lang="sv"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title>` +
    (options.stylesheetHref === undefined
      ? `<style>${REPORT_CSS}\n${pageCss}</style>`
      : `<link rel="stylesheet" href="${escapeHtml(options.stylesheetHref)}">`) +
    '</head>' +
    `<body>${body}</body></html>\n`
  );
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function ReportBody(props: { model: ReportModel; radarSvg: string; options: RenderReportOptions }) {
  const { model, radarSvg, options } = props;
  // Chapters are numbered as the published reports number them; absent ones take no number.
  const hasDistribution = model.distribution.length > 0;
  const chapters = {
    about: 1,
    summary: 2,
    areas: 3,
    distribution: 4,
    facts: hasDistribution ? 5 : 4,
  };
  return (
    <>
      <header class="title-page">
        <p class="brand">Kommunkompassen</p>
        <h1>
          {model.title}
          <span class="period">{capitalize(model.period)}</span>
        </h1>
        {model.evaluators.length > 0 && (
          <div class="evaluators">
            <h2 class="visually-plain">Utvärderare</h2>
            <ul>
              {model.evaluators.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          </div>
        )}
        <p class="edition">Ramverk: {model.edition.name}</p>
        {options.downloads && options.downloads.length > 0 && (
          <nav class="downloads" aria-label="Ladda ned rapporten">
            <ul>
              {options.downloads.map((link) => (
                <li>
                  <a href={link.href}>{link.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main>
        <About number={chapters.about} model={model} />
        <Summary number={chapters.summary} model={model} radarSvg={radarSvg} />
        <section class="chapter" aria-labelledby="omraden">
          <h2 id="omraden">{chapters.areas} Genomgång av de åtta huvudområdena</h2>
          {model.areas.map((area) => (
            <Area
              area={area}
              decimals={model.areaDecimals}
              municipality={model.municipality.name}
            />
          ))}
        </section>
        {hasDistribution && <Distribution number={chapters.distribution} model={model} />}
        {model.facts.length > 0 && (
          <section class="chapter facts" aria-labelledby="kortfakta">
            <h2 id="kortfakta">
              {chapters.facts} Kortfakta om {model.municipality.name}
            </h2>
            <dl>
              {model.facts.map((fact) => (
                <div>
                  <dt>{fact.label}</dt>
                  <dd>{fact.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </main>
      <footer class="colophon">
        <p>
          Rapporten är sammanställd i Kompass ur den publicerade utvärderingen av{' '}
          {model.municipality.name} ({model.municipality.code}) {model.period}, {model.edition.name}
          .
        </p>
      </footer>
    </>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function About(props: { number: number; model: ReportModel }) {
  const { number, model } = props;
  return (
    <section class="chapter about" aria-labelledby="om-kommunkompassen">
      <h2 id="om-kommunkompassen">{number} Vad är Kommunkompassen?</h2>
      <p>
        Kommunkompassen är en metod för att granska hur en kommun styrs och leds: inte vad
        verksamheterna presterar, utan hur politiker och tjänstemän arbetar tillsammans, hur
        kommunen möter invånare och brukare, hur den tar hand om sina medarbetare och hur den bidrar
        till samhället omkring sig. Metoden utvecklades i Norden och används av Sveriges Kommuner
        och Regioner (SKR).
      </p>
      <p>Utvärderarna bygger sin bedömning på tre slags underlag:</p>
      <ul>
        <li>intervjuer med förtroendevalda, chefer, medarbetare och fackliga företrädare,</li>
        <li>kommunens styrdokument, planer och uppföljningar,</li>
        <li>en genomgång av kommunens webbplats.</li>
      </ul>
      <p>
        Bedömningen görs inom åtta huvudområden. Varje område ger högst 100 poäng, totalt 800, och
        poängen fördelas på ett antal frågor per område:
      </p>
      <ol class="area-list">
        {model.areaNames.map((name) => (
          <li>{name}</li>
        ))}
      </ol>
      <p>
        Poängen visar var kommunen står och hur den utvecklas mellan utvärderingarna. Lika viktig är
        texten: styrkor, förbättringsmöjligheter och kommuner som kan inspirera. Tanken är att
        kommuner ska lära av varandra genom att jämföra sig.
      </p>
    </section>
  );
}

function Summary(props: { number: number; model: ReportModel; radarSvg: string }) {
  const { number, model, radarSvg } = props;
  const { summary, radar } = model;
  const looks = seriesLooks(radar);
  return (
    <section class="chapter summary" aria-labelledby="sammanfattning">
      <h2 id="sammanfattning">{number} Sammanfattning av resultatet</h2>
      <table class="figures summary-table">
        <caption>
          <span class="table-label">Tabell 1.</span> {summary.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Huvudområde</th>
            {summary.columns.map((column) => (
              <th scope="col" class={`num col-${column.kind}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr>
              <th scope="row">
                {row.number}. {row.name}
              </th>
              {row.cells.map((cell, index) => (
                <td class={`num col-${summary.columns[index]?.kind ?? ''}`}>{cell.text}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totalt (av 800)</th>
            {summary.total.map((cell, index) => (
              <td class={`num col-${summary.columns[index]?.kind ?? ''}`}>{cell.text}</td>
            ))}
          </tr>
        </tfoot>
      </table>
      {summary.notes.length > 0 && (
        <ul class="notes">
          {summary.notes.map((note) => (
            <li>{note}</li>
          ))}
        </ul>
      )}
      <figure class="radar" aria-labelledby="radar-caption">
        <div class="chart" dangerouslySetInnerHTML={{ __html: radarSvg }} />
        <figcaption id="radar-caption">
          <span class="table-label">Diagram 1.</span> {radar.description}
        </figcaption>
      </figure>
      <table class="figures chart-data">
        <caption>Diagrammets data (poäng 0–100 per huvudområde)</caption>
        <thead>
          <tr>
            <th scope="col">Serie</th>
            {radar.axes.map((axis) => (
              <th scope="col" class="num" title={axis.name}>
                {axis.number}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {radar.series.map((series, index) => {
            const look = looks[index];
            return (
              <tr>
                <th scope="row">
                  {series.name}
                  {look && (
                    <span class="look">
                      {' '}
                      ({LINE_NAMES[look.lineType]}, {SYMBOL_NAMES[look.symbol] ?? look.symbol})
                    </span>
                  )}
                </th>
                {series.values.map((value) => (
                  <td class="num">{formatNumber(value)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function FindingList(props: { items: FindingItem[]; empty: string }) {
  if (props.items.length === 0) return <p class="empty">{props.empty}</p>;
  // Findings listed under the same heading share it: the heading is printed once.
  const groups: Array<{ heading: string | null; items: FindingItem[] }> = [];
  for (const item of props.items) {
    const last = groups[groups.length - 1];
    if (last && last.heading === item.heading) last.items.push(item);
    else groups.push({ heading: item.heading, items: [item] });
  }
  return (
    <>
      {groups.map((group) => (
        <>
          {group.heading && <h5>{group.heading}</h5>}
          <ul>
            {group.items.map((item) => (
              <li>{item.text}</li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}

function Area(props: { area: AreaSection; decimals: number; municipality: string }) {
  const { area } = props;
  const id = `omrade-${String(area.number)}`;
  return (
    <section class="area" aria-labelledby={id}>
      <h3 id={id}>
        Område {area.number} {area.name}
      </h3>
      <table class="figures area-head">
        <thead>
          <tr>
            <th scope="col">Rubriker</th>
            <th scope="col" class="num">
              Poäng
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              {area.headings.length > 0 ? (
                <ul>
                  {area.headings.map((heading) => (
                    <li>{heading}</li>
                  ))}
                </ul>
              ) : (
                <span class="empty">Ramverket anger inga rubriker för området.</span>
              )}
            </td>
            <td class="num score">{area.score.text}</td>
          </tr>
        </tbody>
      </table>
      {area.texts.map((text) => (
        <Block heading={text.heading}>
          {text.body.split(/\n{2,}/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </Block>
      ))}
      <div class="findings">
        <section class="strengths" aria-label={`Styrkor, område ${String(area.number)}`}>
          <h4>Styrkor</h4>
          <FindingList items={area.strengths} empty="Inga styrkor angivna." />
        </section>
        <section
          class="improvements"
          aria-label={`Förbättringsmöjligheter, område ${String(area.number)}`}
        >
          <h4>Förbättringsmöjligheter</h4>
          <FindingList items={area.improvements} empty="Inga förbättringsmöjligheter angivna." />
        </section>
      </div>
      {area.goodExamples.length > 0 && (
        <section class="good-examples">
          <h4>Goda exempel</h4>
          <FindingList items={area.goodExamples} empty="" />
        </section>
      )}
      {area.roleModels.length > 0 && (
        <p class="role-models">
          <strong>Kommuner att lära av:</strong> {area.roleModels.join(', ')}
        </p>
      )}
      {area.compareWith.length > 0 && (
        <CompareWith
          area={area.number}
          groups={area.compareWith}
          municipality={props.municipality}
        />
      )}
    </section>
  );
}

/** Role models: who scored highest where this evaluation has room to improve, and why. */
function CompareWith(props: { area: number; groups: RoleModelGroup[]; municipality: string }) {
  const id = `jamfor-${String(props.area)}`;
  return (
    <section class="compare-with" aria-labelledby={id}>
      <h4 id={id}>Kommuner som det kan vara intressant att jämföra sig med</h4>
      <p>
        De kommuner som fått högst poäng där {props.municipality} har förbättringsmöjligheter, med
        deras styrkor och goda exempel inom området ur deras publicerade utvärderingar.
      </p>
      {props.groups.map((group) => (
        <>
          <h5>{group.title}</h5>
          {group.own && <p class="own">{group.own}</p>}
          <ul class="models">
            {group.models.map((model) => (
              <li>
                <span class="model-name">{model.name}</span>: {model.score}
                {model.note && ` (${model.note})`}
                {(model.strengths.length > 0 || model.goodExamples.length > 0) && (
                  <ul class="texts">
                    {model.strengths.map((text) => (
                      <li>
                        <span class="kind">Styrka:</span> {text}
                      </li>
                    ))}
                    {model.goodExamples.map((text) => (
                      <li>
                        <span class="kind">Gott exempel:</span> {text}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

function Block(props: { heading: string | null; children: ComponentChildren }) {
  return (
    <div class="text-block">
      {props.heading && <h4>{props.heading}</h4>}
      {props.children}
    </div>
  );
}

function Distribution(props: { number: number; model: ReportModel }) {
  const { number, model } = props;
  return (
    <section class="chapter distribution" aria-labelledby="poangfordelning">
      <h2 id="poangfordelning">{number} Översikt av poängfördelningen</h2>
      <p>
        {genitive(model.municipality.name)} poäng per fråga inom varje huvudområde. Uppnådda poäng
        visas avrundade till hela poäng; procenten räknas på de exakta poängen, och områdets summa
        är summan av de exakta poängen, avrundad först på slutet.
      </p>
      {model.distribution.map((area) => (
        <DistributionTable area={area} />
      ))}
      <table class="figures distribution-table grand-total">
        <caption>Totalt för alla huvudområden</caption>
        <thead>
          <tr>
            <th scope="col">Totalt</th>
            <th scope="col" class="num">
              Uppnått
            </th>
            <th scope="col" class="num">
              Max
            </th>
            <th scope="col" class="num">
              Procent
            </th>
          </tr>
        </thead>
        <tbody>
          <tr class="sum">
            <th scope="row">Alla huvudområden</th>
            <td class="num">{model.distributionTotal.achieved.text}</td>
            <td class="num">{model.distributionTotal.max.text}</td>
            <td class="num">{model.distributionTotal.percent.text}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function DistributionTable(props: { area: DistributionArea }) {
  const { area } = props;
  return (
    <table class="figures distribution-table">
      <thead>
        <tr>
          <th scope="col" colSpan={2}>
            {area.number}. {area.name}
          </th>
          <th scope="col" class="num">
            Uppnått
          </th>
          <th scope="col" class="num">
            Max
          </th>
          <th scope="col" class="num">
            Procent
          </th>
        </tr>
      </thead>
      <tbody>
        {area.questions.map((question) => (
          <tr>
            <td class="qid">{question.id}</td>
            <td>{question.text}</td>
            <td class="num">{question.achieved.text}</td>
            <td class="num">{question.max.text}</td>
            <td class="num">{question.percent.text}</td>
          </tr>
        ))}
        <tr class="sum">
          <th scope="row" colSpan={2}>
            Summa område {area.number}
          </th>
          <td class="num">{area.sum.achieved.text}</td>
          <td class="num">{area.sum.max.text}</td>
          <td class="num">{area.sum.percent.text}</td>
        </tr>
      </tbody>
    </table>
  );
}
