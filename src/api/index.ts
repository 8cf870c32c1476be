export { API_PREFIX, apiRoutes } from './routes.ts';
export type { ApiOptions } from './routes.ts';
export { openApiDocument } from './openapi.ts';
export { SCORE_CSV_COLUMNS, scoresCsv } from './csv.ts';
