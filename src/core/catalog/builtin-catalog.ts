import builtinJson from '../../../data/catalog.json';
import { parseCatalog, type Catalog } from './catalog-schema';

let builtin: Catalog | undefined;

/** The catalog shipped inside the app (data/catalog.json). Trusted because it is part of the build; still validated. */
export function builtinCatalog(): Catalog {
  if (!builtin) {
    const r = parseCatalog(builtinJson);
    if (!r.ok) throw new Error(`the built-in catalog is not valid: ${r.issues.join('; ')}`);
    builtin = r.catalog;
  }
  return builtin;
}
