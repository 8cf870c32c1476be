export {
  BUILT_IN_FRAMEWORKS_DIR,
  CatalogueError,
  loadBuiltInCatalogue,
  loadCatalogueFrom,
  loadEditionFile,
  parseEditionText,
} from './load.ts';
export type { CatalogueLoad } from './load.ts';
export { parseJsonDocument } from './json.ts';
export type { JsonDocument } from './json.ts';
