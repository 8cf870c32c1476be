/**
 * The OpenAPI 3.1 document of the open data API (`/api/v1/openapi.json`). Schemas are JSON
 * Schema 2020-12; the API tests validate every response against them, so the document cannot
 * drift from what the API sends.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const obj = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const described = (schema: Schema, description: string): Schema => ({ ...schema, description });

const kommunkod = described(
  { type: 'string', pattern: '^[0-9]{4}$' },
  'Kommunkod (SCB), e.g. 0486',
);
const lanskod = described({ type: 'string', pattern: '^[0-9]{2}$' }, 'Länskod, e.g. 04');
const evaluationKind = { type: 'string', enum: ['full', 'area-level', 'self-assessment'] };
const searchKind = { type: 'string', enum: ['strength', 'improvement', 'good-example', 'text'] };
const rankFields = {
  rank: nullable(described(int, '1 for the highest score of the edition')),
  of: nullable(described(int, 'Published evaluations of the edition with a score here')),
  percentile: nullable(described(int, 'Share of the others that scored lower, in whole percent')),
};

const evaluationSummary: Record<string, Schema> = {
  id: { type: 'string', format: 'uuid' },
  municipalityCode: kommunkod,
  municipalityName: str,
  lanCode: lanskod,
  year: int,
  month: nullable(int),
  editionId: str,
  kind: evaluationKind,
  totalPrinted: nullable(num),
  publishedAt: nullable({ type: 'string', format: 'date-time' }),
  href: described(str, 'This evaluation in the API'),
};

const schemas: Record<string, Schema> = {
  Error: obj({
    error: obj({
      code: {
        type: 'string',
        enum: ['invalid-input', 'not-found', 'internal', 'unavailable', 'rate-limited'],
      },
      title: described(str, 'Swedish heading'),
      message: described(str, 'What is wrong and what to do, in Swedish'),
      fields: arrayOf(obj({ field: str, message: str })),
    }),
  }),
  Municipality: obj({
    code: kommunkod,
    name: str,
    lanCode: lanskod,
    lanName: str,
    publishedEvaluations: described(int, 'Current published evaluations'),
  }),
  MunicipalityList: obj({ items: arrayOf(ref('Municipality')) }),
  AreaScore: obj({
    number: int,
    score: described(num, 'Exact points of 100'),
    printed: nullable(described(num, 'As the report printed it')),
  }),
  EvaluationSummary: obj(evaluationSummary),
  EvaluationList: obj({
    total: int,
    limit: int,
    offset: int,
    items: arrayOf(ref('EvaluationSummary')),
  }),
  MunicipalityHistory: obj({
    code: kommunkod,
    name: str,
    lanCode: lanskod,
    lanName: str,
    evaluations: arrayOf(obj({ ...evaluationSummary, areas: arrayOf(ref('AreaScore')) })),
    editionNote: nullable(described(str, 'Set when the evaluations use different editions')),
  }),
  Edition: obj({
    id: str,
    name: str,
    kind: { type: 'string', enum: ['kommunkompassen', 'self-assessment'] },
    yearFrom: int,
    yearTo: nullable(int),
    builtIn: { type: 'boolean' },
  }),
  EditionDetail: obj({
    id: str,
    name: str,
    kind: { type: 'string', enum: ['kommunkompassen', 'self-assessment'] },
    yearFrom: int,
    yearTo: nullable(int),
    builtIn: { type: 'boolean' },
    definition: described({ type: 'object' }, 'The whole edition file (areas and questions)'),
  }),
  EditionList: obj({ items: arrayOf(ref('Edition')) }),
  Evaluation: obj({
    id: { type: 'string', format: 'uuid' },
    municipality: obj({ code: kommunkod, name: str, lanCode: lanskod, lanName: str }),
    year: int,
    month: nullable(int),
    editionId: str,
    kind: evaluationKind,
    revision: int,
    source: str,
    totalPrinted: nullable(num),
    publishedAt: nullable({ type: 'string', format: 'date-time' }),
    facts: { type: 'object' },
    areas: arrayOf(ref('AreaScore')),
    questions: arrayOf(
      obj({
        id: str,
        points: nullable(num),
        achievedPrinted: nullable(num),
        maxPrinted: nullable(num),
        percentPrinted: nullable(num),
        justification: nullable(str),
        answer: nullable(str),
      }),
    ),
    findings: arrayOf(
      obj({
        id: { type: 'string', format: 'uuid' },
        area: int,
        kind: { type: 'string', enum: ['strength', 'improvement', 'good-example'] },
        heading: nullable(str),
        text: str,
        referenceMunicipalityCode: nullable(kommunkod),
      }),
    ),
    texts: arrayOf(obj({ area: int, heading: nullable(str), body: str })),
  }),
  PublishedAverage: obj({
    label: str,
    basis: nullable(str),
    yearFrom: nullable(int),
    yearTo: nullable(int),
    total: nullable(num),
    source: described(str, 'The file or URL the figures were imported from'),
    sourceEvaluationId: nullable(str),
    areas: arrayOf(obj({ number: int, score: num })),
  }),
  Average: obj({
    edition: obj({ id: str, name: str }),
    basis: obj({
      yearFrom: nullable(int),
      yearTo: nullable(int),
      lan: nullable(obj({ code: lanskod, name: str })),
      description: described(str, 'In Swedish, e.g. "från 2010 och framåt"'),
    }),
    source: described(
      { type: 'string', enum: ['computed', 'published'] },
      'computed from stored evaluations, or a published average when none is stored',
    ),
    n: nullable(described(int, 'Evaluations averaged; null for a published average')),
    areas: arrayOf(obj({ number: int, name: str, mean: nullable(num), n: nullable(int) })),
    total: nullable(num),
    published: arrayOf(ref('PublishedAverage')),
  }),
  Comparison: obj({
    sameEdition: { type: 'boolean' },
    editionNote: nullable(str),
    evaluations: arrayOf(
      obj({
        id: str,
        municipalityCode: kommunkod,
        municipalityName: str,
        year: int,
        editionId: str,
        editionName: str,
        total: nullable(num),
      }),
    ),
    areas: arrayOf(
      obj({
        number: int,
        names: arrayOf(str),
        cells: arrayOf(obj({ evaluationId: str, score: nullable(num), ...rankFields })),
      }),
    ),
    questions: nullable(
      arrayOf(
        obj({
          id: str,
          area: int,
          text: str,
          max: nullable(num),
          cells: arrayOf(obj({ evaluationId: str, points: nullable(num), percent: nullable(int) })),
        }),
      ),
    ),
    questionsNote: nullable(str),
  }),
  RoleModels: obj({
    evaluation: obj({
      id: str,
      municipalityCode: kommunkod,
      municipalityName: str,
      year: int,
      editionId: str,
    }),
    needs: arrayOf(
      obj({
        need: {
          oneOf: [
            obj({ type: { const: 'question' }, area: int, questionId: str, percent: int }),
            obj({
              type: { const: 'area' },
              area: int,
              score: nullable(num),
              reason: { type: 'string', enum: ['improvement', 'low-score'] },
            }),
          ],
        },
        title: str,
        max: nullable(num),
        own: nullable(num),
        roleModels: arrayOf(
          obj({
            evaluationId: str,
            municipalityCode: kommunkod,
            municipalityName: str,
            year: int,
            editionId: str,
            score: num,
            sameEdition: { type: 'boolean' },
            strengths: arrayOf(str),
            goodExamples: arrayOf(str),
          }),
        ),
      }),
    ),
  }),
  SearchResult: obj({
    query: str,
    total: described(
      int,
      'How many published texts match; when `capped`, how many were ranked (a lower bound)',
    ),
    capped: described(
      { type: 'boolean' },
      'More texts match than are ranked (500 of each source): add a word or a filter',
    ),
    limit: int,
    offset: int,
    hits: arrayOf(
      obj({
        id: str,
        kind: searchKind,
        kindLabel: str,
        evaluationId: str,
        municipalityCode: kommunkod,
        municipalityName: str,
        lanCode: lanskod,
        year: int,
        editionId: str,
        area: int,
        heading: nullable(str),
        headingHtml: nullable(str),
        position: described(int, 'Order of the finding or text in the report'),
        rank: num,
        snippet: str,
        snippetHtml: described(str, 'HTML-escaped, matched words in <mark>'),
        link: obj({ evaluationId: str, area: int, href: str }),
      }),
    ),
  }),
};

const query = (name: string, schema: Schema, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const path = (name: string, schema: Schema, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});
const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = {
  '400': json('Error', 'Bad input: the message says what to change'),
  '404': json('Error', 'Not found, or not published'),
};
const yearParams = [query('from', int, 'First year'), query('to', int, 'Last year')];

/** The document, as served. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Kompass öppna data',
    version: '1.0.0',
    description:
      'Published Kommunkompassen evaluations: municipalities, framework editions, scores and ' +
      'findings, averages, comparisons and the good-example search. Drafts and evaluations ' +
      'under review are never returned.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/api/v1' }],
  paths: {
    '/municipalities': {
      get: {
        summary: 'The 290 municipalities with their number of published evaluations',
        parameters: [query('lan', lanskod, 'Only this län')],
        responses: { '200': json('MunicipalityList', 'Municipalities'), ...errors },
      },
    },
    '/municipalities/{code}': {
      get: {
        summary: 'One municipality with every published evaluation over the years, per area',
        parameters: [path('code', kommunkod, 'Kommunkod')],
        responses: { '200': json('MunicipalityHistory', 'The municipality'), ...errors },
      },
    },
    '/editions': {
      get: {
        summary: 'Framework editions',
        responses: { '200': json('EditionList', 'Editions') },
      },
    },
    '/editions/{id}': {
      get: {
        summary: 'One edition with its areas and questions',
        parameters: [path('id', str, 'Edition id, e.g. kk-2016')],
        responses: { '200': json('EditionDetail', 'The edition'), ...errors },
      },
    },
    '/evaluations': {
      get: {
        summary: 'Published evaluations, newest first',
        parameters: [
          query('municipality', kommunkod, 'Only this municipality'),
          query('edition', str, 'Only this edition'),
          query('lan', lanskod, 'Only this län'),
          ...yearParams,
          query('limit', { type: 'integer', minimum: 1, maximum: 500 }, 'Default 100'),
          query('offset', { type: 'integer', minimum: 0 }, 'Default 0'),
        ],
        responses: { '200': json('EvaluationList', 'Evaluations'), ...errors },
      },
    },
    '/evaluations/{id}': {
      get: {
        summary: 'One published evaluation with its scores and findings',
        parameters: [path('id', { type: 'string', format: 'uuid' }, 'Evaluation id')],
        responses: { '200': json('Evaluation', 'The evaluation'), ...errors },
      },
    },
    '/evaluations/{id}/role-models': {
      get: {
        summary: 'Who scored highest where this evaluation can improve',
        parameters: [
          path('id', { type: 'string', format: 'uuid' }, 'Evaluation id'),
          query('limit', { type: 'integer', minimum: 1, maximum: 10 }, 'Per need, default 3'),
        ],
        responses: { '200': json('RoleModels', 'Role models per need'), ...errors },
      },
    },
    '/averages': {
      get: {
        summary: 'Average per area and in total, with n',
        parameters: [
          query('edition', str, 'Edition id', true),
          ...yearParams,
          query('lan', lanskod, 'Only this län'),
        ],
        responses: { '200': json('Average', 'The average'), ...errors },
      },
    },
    '/comparisons': {
      get: {
        summary: 'Up to 8 published evaluations side by side',
        parameters: [
          query('evaluation', arrayOf({ type: 'string', format: 'uuid' }), 'Evaluation ids'),
          query('municipality', arrayOf(kommunkod), 'Latest published evaluation of each'),
          query(
            'questions',
            { type: 'string', enum: ['true', 'false'] },
            'true requires the question table (refused across editions)',
          ),
        ],
        responses: { '200': json('Comparison', 'The comparison'), ...errors },
      },
    },
    '/search': {
      get: {
        summary: 'Swedish full-text search in published findings and texts',
        parameters: [
          query('q', { type: 'string', minLength: 1, maxLength: 200 }, 'Words to search for', true),
          query('area', { type: 'integer', minimum: 1, maximum: 8 }, 'Only this area'),
          ...yearParams,
          query('municipality', kommunkod, 'Only this municipality'),
          query('lan', lanskod, 'Only this län'),
          query('kind', arrayOf(searchKind), 'Only these kinds'),
          query('limit', { type: 'integer', minimum: 1, maximum: 100 }, 'Default 20'),
          query('offset', { type: 'integer', minimum: 0, maximum: 10000 }, 'Default 0'),
        ],
        responses: { '200': json('SearchResult', 'Ranked hits'), ...errors },
      },
    },
    '/scores.csv': {
      get: {
        summary: 'Every area score of every published evaluation as CSV (UTF-8, comma)',
        responses: {
          '200': { description: 'CSV', content: { 'text/csv': { schema: str } } },
        },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'This document',
        responses: {
          '200': {
            description: 'OpenAPI 3.1',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  components: { schemas },
} as const;
