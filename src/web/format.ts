/**
 * Swedish number and date formatting for every page: the same functions the report prints with
 * (`src/report/format.ts`), so a page and the published report show 74,5 and 63 % alike.
 */
export * from '../report/format.ts';
