export {
  EDITION_SCHEMA_VERSION,
  KOMMUNKOMPASSEN_AREA_COUNT,
  KOMMUNKOMPASSEN_AREA_MAX,
  KOMMUNKOMPASSEN_TOTAL_MAX,
  areaSchema,
  editionKinds,
  editionSchema,
  questionSchema,
} from './schema.ts';
export type { Area, Edition, EditionKind, Question } from './schema.ts';
export { formatPath, validateCatalogue, validateEdition } from './validate.ts';
export type { EditionIssue, EditionValidation, JsonPath, ValidateOptions } from './validate.ts';
export {
  areaMaxPoints,
  editionForYear,
  findEdition,
  findQuestion,
  mapAreasAcrossEditions,
} from './catalogue.ts';
export type { AreaCorrespondence } from './catalogue.ts';
