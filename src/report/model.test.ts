import { describe, expect, it } from 'vitest';
import type { Edition } from '../domain/framework/index.ts';
import { findEdition } from '../domain/framework/index.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { buildReportModel, type ReportEvaluation, type ReportInput } from './model.ts';

const NBSP = '\u00a0';
const catalogue = loadBuiltInCatalogue();
const edition = (id: string): Edition => {
  const found = findEdition(catalogue, id);
  if (!found) throw new Error(`no edition ${id}`);
  return found;
};
const kk2016 = edition('kk-2016');
const kk2010 = edition('kk-2010');
const kk2002 = edition('kk-2002');

/** An evaluation of kk-2016 where every question has `points(id, max)` exact points. */
function evaluationOf(
  source: Edition,
  points: (id: string, max: number) => number,
  overrides: Partial<ReportEvaluation> = {},
): ReportEvaluation {
  const questions = source.areas.flatMap((area) =>
    area.questions.map((q) => ({
      id: q.id,
      points: points(q.id, q.max ?? 0),
      achievedPrinted: null,
      maxPrinted: q.max,
      percentPrinted: null,
      justification: null,
      answer: null,
      flags: [],
    })),
  );
  const areas = source.areas.map((area) => ({
    number: area.number,
    score: Number(
      area.questions
        .reduce((sum, q) => sum + (questions.find((x) => x.id === q.id)?.points ?? 0), 0)
        .toFixed(9),
    ),
    printed: null,
  }));
  return {
    id: '00000000-0000-4000-8000-000000000001',
    municipalityCode: '0486',
    year: 2016,
    month: 10,
    editionId: source.id,
    kind: 'full',
    status: 'published',
    totalPrinted: null,
    facts: {},
    areas,
    questions,
    findings: [],
    texts: [],
    publishedAt: null,
    revision: 1,
    ...overrides,
  };
}

const base = (evaluation: ReportEvaluation, more: Partial<ReportInput> = {}): ReportInput => ({
  evaluation,
  edition: findEdition(catalogue, evaluation.editionId) ?? kk2016,
  municipality: { code: '0486', name: 'Strängnäs' },
  ...more,
});

describe('buildReportModel: the printed figures', () => {
  it('prints Uppnått as exact points rounded half up and Procent from the exact points', () => {
    // 7.5 of 15 prints 8 and 50 %; 8.25 of 15 prints 8 and 55 %.
    const model = buildReportModel(
      base(evaluationOf(kk2016, (id, max) => (id === '6.1' ? 7.5 : id === '1.1' ? 8.25 : max / 2))),
    );
    const q61 = model.distribution[5]?.questions[0];
    expect(q61?.id).toBe('6.1');
    expect([q61?.achieved.text, q61?.max.text, q61?.percent.text]).toEqual([
      '8',
      '15',
      `50${NBSP}%`,
    ]);
    const q11 = model.distribution[0]?.questions[0];
    expect([q11?.achieved.text, q11?.percent.text]).toEqual(['8', `55${NBSP}%`]);
  });

  it('area total is the sum of exact points, not of rounded points', () => {
    // Five questions of area 1 at x.4 each: rounded they add up to less than the exact sum.
    const model = buildReportModel(
      base(
        evaluationOf(kk2016, (id, max) => (id.startsWith('1.') ? max / 2 - 0.1 + 0.5 : max / 2)),
      ),
    );
    const area1 = model.distribution[0];
    const rounded = area1?.questions.reduce((sum, q) => sum + (q.achieved.value ?? 0), 0);
    expect(area1?.sum.points).toBeCloseTo(52, 9);
    expect(area1?.sum.achieved.text).toBe('52');
    expect(rounded).not.toBe(52);
  });

  it('the total is the sum of exact area points, rounded at the end (Upplands-Bro prints 383 beside areas adding up to 382)', () => {
    const scores = [43.82, 41.35, 51.65, 41.99, 49.46, 49.3, 45.27, 60.65];
    const evaluation = evaluationOf(kk2010, (_id, max) => max / 2, {
      editionId: 'kk-2010',
      year: 2011,
      questions: [],
      areas: scores.map((score, i) => ({ number: i + 1, score, printed: null })),
      totalPrinted: 383,
    });
    const model = buildReportModel(base(evaluation, { edition: kk2010 }));
    expect(model.summary.rows.map((row) => row.cells[0]?.text)).toEqual([
      '44',
      '41',
      '52',
      '42',
      '49',
      '49',
      '45',
      '61',
    ]);
    expect(model.summary.total[0]?.text).toBe('383');
    expect(model.summary.notes).toEqual([]);
  });

  it('prints the 2002–2009 area scores with their halves (74,5)', () => {
    const evaluation = evaluationOf(kk2002, () => 0, {
      editionId: 'kk-2002',
      year: 2006,
      questions: [],
      areas: [66, 74.5, 87.5, 77, 73, 66, 50, 83].map((score, i) => ({
        number: i + 1,
        score,
        printed: score,
      })),
      totalPrinted: 577,
    });
    const model = buildReportModel(base(evaluation, { edition: kk2002 }));
    expect(model.summary.rows[1]?.cells[0]?.text).toBe('74,5');
    expect(model.summary.total[0]?.text).toBe('577');
    expect(model.distribution).toEqual([]);
  });
});

describe('buildReportModel: comparisons', () => {
  const current = evaluationOf(kk2016, (_id, max) => max * 0.62);
  const previous = {
    label: 'Strängnäs 2014',
    year: 2014,
    municipality: { code: '0486', name: 'Strängnäs' },
    editionId: 'kk-2010',
    areas: [54, 49, 77, 55, 58, 37, 60, 49].map((score, i) => ({ number: i + 1, score })),
    totalPrinted: 437,
  };
  const average = {
    label: 'Medelvärde',
    origin: 'published' as const,
    basis: 'beräknat från 2010 och framåt',
    count: null,
    editionId: 'kk-2016',
    areas: [55, 57, 68, 57, 59, 58, 54, 68].map((score, i) => ({ number: i + 1, score })),
    total: 476,
    source: 'kommunkompassen-strangnas-2016.txt',
  };
  const model = buildReportModel(
    base(current, {
      previous,
      average,
      editions: new Map([
        ['kk-2010', kk2010],
        ['kk-2016', kk2016],
      ]),
    }),
  );

  it('orders the columns as the published table: previous, this evaluation, average', () => {
    expect(model.summary.columns.map((c) => c.label)).toEqual([
      'Strängnäs 2014',
      'Strängnäs 2016',
      'Medelvärde',
    ]);
  });

  it('keeps a published average with its printed total and basis', () => {
    expect(model.summary.total[2]?.text).toBe('476');
    expect(model.summary.notes.join(' ')).toContain('Medelvärde beräknat från 2010 och framåt');
    expect(model.summary.notes.join(' ')).toContain('publicerade medelvärdet');
  });

  it('shows the printed total of an area-level result and says the rounded areas add up differently', () => {
    expect(model.summary.total[0]?.text).toBe('437');
    expect(model.summary.notes.join(' ')).toContain('summerar till 439');
  });

  it('notes the other edition and its renamed area', () => {
    expect(model.summary.notes.join(' ')).toContain('område 7 hette ”Verksamhetsutveckling”');
  });

  it('draws this evaluation first in the radar, with every column as a series on eight axes', () => {
    expect(model.radar.axes).toHaveLength(8);
    expect(model.radar.series.map((s) => s.kind)).toEqual(['current', 'previous', 'average']);
    expect(model.radar.series[1]?.values).toEqual([54, 49, 77, 55, 58, 37, 60, 49]);
    expect(model.radar.description).toContain('Strängnäs 2014 och Medelvärde');
  });
});

describe('buildReportModel: areas and facts', () => {
  it('puts findings side by side per area, in order, and names the municipalities to learn from', () => {
    const evaluation = evaluationOf(kk2016, (_id, max) => max / 2, {
      findings: [
        {
          id: 'a',
          area: 2,
          kind: 'improvement',
          heading: null,
          text: 'Förbättra B',
          referenceMunicipalityCode: null,
          position: 1,
        },
        {
          id: 'b',
          area: 2,
          kind: 'strength',
          heading: 'Rubrik',
          text: 'Styrka A',
          referenceMunicipalityCode: null,
          position: 0,
        },
        {
          id: 'c',
          area: 2,
          kind: 'good-example',
          heading: null,
          text: 'Exempel C',
          referenceMunicipalityCode: '1384',
          position: 2,
        },
      ],
      texts: [
        { area: 2, heading: 'Allmänt', body: 'Första stycket.\n\nAndra stycket.', position: 0 },
      ],
      facts: {
        roleModels: [{ area: 2, municipality: { name: 'Örebro', code: '1880' } }],
        population: { value: 23600, approximate: true },
        taxRate: { rate: 19.58, year: 2011, national: 20.73 },
        rulingParties: { parties: ['moderaterna', 'centern'], electionYear: 2010 },
        evaluators: [{ name: 'Anna Andersson', affiliation: 'SKR', text: 'Anna Andersson, SKR' }],
        evaluationNumber: 2,
      },
    });
    const model = buildReportModel(
      base(evaluation, { municipalityNames: new Map([['1384', 'Kungsbacka']]) }),
    );
    const area = model.areas[1];
    expect(area?.strengths).toEqual([{ heading: 'Rubrik', text: 'Styrka A' }]);
    expect(area?.improvements).toEqual([{ heading: null, text: 'Förbättra B' }]);
    expect(area?.goodExamples.map((f) => f.text)).toEqual(['Exempel C']);
    expect(area?.roleModels).toEqual(['Örebro', 'Kungsbacka']);
    expect(area?.headings.length).toBeGreaterThan(0);
    expect(area?.texts[0]?.heading).toBe('Allmänt');
    expect(model.evaluators).toEqual(['Anna Andersson, SKR']);
    expect(model.period).toBe('oktober 2016');
    expect(model.subtitle).toContain('andra utvärdering');
    expect(model.facts).toEqual([
      { label: 'Invånare', value: `cirka 23${NBSP}600` },
      { label: 'Kommunal skattesats 2011', value: `19,58${NBSP}% (riket 20,73${NBSP}%)` },
      { label: 'Styrande partier efter valet 2010', value: 'Moderaterna och Centerpartiet' },
      { label: 'Utvärdering', value: 'kommunens andra' },
    ]);
  });

  it('leaves out facts of an unexpected shape rather than printing them wrong', () => {
    const evaluation = evaluationOf(kk2016, () => 1, {
      facts: { population: 'many', taxRate: { rate: 'x' }, evaluators: [42, { text: '' }] },
    });
    const model = buildReportModel(base(evaluation));
    expect(model.facts).toEqual([]);
    expect(model.evaluators).toEqual([]);
  });
});

describe('buildReportModel: the average basis and the role models', () => {
  const current = evaluationOf(kk2016, (_id, max) => max / 2);

  it('a computed average states its basis, n and which evaluations', () => {
    const model = buildReportModel(
      base(current, {
        average: {
          label: 'Medelvärde',
          origin: 'computed',
          basis: 'för 2011–2016, Södermanlands län',
          count: 2,
          editionId: 'kk-2016',
          areas: current.areas.map((area) => ({ number: area.number, score: 60 })),
          total: 480,
          source: 'publicerade utvärderingar enligt Kommunkompassen 2016–2019 i Kompass',
          evaluations: ['Eskilstuna 2015', 'Strängnäs 2016'],
        },
      }),
    );
    expect(model.summary.notes).toContain(
      'Medelvärde för 2011–2016, Södermanlands län (2 utvärderingar): beräknat av Kompass ur de ' +
        'publicerade utvärderingarna (publicerade utvärderingar enligt Kommunkompassen 2016–2019 ' +
        'i Kompass): Eskilstuna 2015 och Strängnäs 2016.',
    );
  });

  it('groups role models per area, the area as a whole before its questions, texts shown once', () => {
    const model = buildReportModel(
      base(current, {
        roleModels: [
          {
            area: 6,
            questionId: '6.1',
            title: 'En fråga',
            own: 7.5,
            max: 15,
            roleModels: [
              {
                municipalityName: 'Kungsbacka',
                year: 2017,
                score: 13.5,
                sameEdition: true,
                strengths: ['Tydligt chefsstöd', 'Tydligt chefsstöd'],
                goodExamples: [],
              },
            ],
          },
          {
            area: 6,
            questionId: null,
            title: 'Kommunen som arbetsgivare',
            own: 49,
            max: 100,
            roleModels: [
              {
                municipalityName: 'Södertälje',
                year: 2006,
                score: 66,
                sameEdition: false,
                strengths: [],
                goodExamples: ['Karriärvägar'],
              },
            ],
          },
          { area: 2, questionId: null, title: 'x', own: 40, max: 100, roleModels: [] },
        ],
      }),
    );
    const area6 = model.areas.find((area) => area.number === 6);
    expect(area6?.compareWith).toEqual([
      {
        title: 'Området som helhet',
        own: 'Strängnäs: 49 av 100 poäng',
        models: [
          {
            name: 'Södertälje 2006',
            score: '66 av 100 poäng',
            note: 'utvärderad enligt en annan version av Kommunkompassen',
            strengths: [],
            goodExamples: ['Karriärvägar'],
          },
        ],
      },
      {
        title: 'Fråga 6.1 En fråga',
        own: 'Strängnäs: 8 av 15 poäng',
        models: [
          {
            name: 'Kungsbacka 2017',
            score: '14 av 15 poäng',
            note: null,
            strengths: ['Tydligt chefsstöd'],
            goodExamples: [],
          },
        ],
      },
    ]);
    // A need without role models shows nothing.
    expect(model.areas.find((area) => area.number === 2)?.compareWith).toEqual([]);
  });
});
