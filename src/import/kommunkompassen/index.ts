export { parseKommunkompassen } from './parse.ts';
export { MunicipalityMatcher } from './municipality.ts';
export type * from './types.ts';
