/**
 * The built-in framework catalogue, as `kompass migrate` stores it. Loaded lazily so storage
 * does not load (and validate) every framework file unless it migrates.
 */
import type { Edition } from '../domain/framework/schema.ts';

// TRANSITIONAL: the loader is being written; switch to a static import once it exists.
const LOADER: string = '../frameworks/index.ts';

export async function loadBuiltInEditions(): Promise<Edition[]> {
  const loader = (await import(LOADER)) as {
    loadBuiltInCatalogue: () => Edition[] | Promise<Edition[]>;
  };
  return loader.loadBuiltInCatalogue();
}
