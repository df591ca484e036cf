import builtinJson from '../../../data/catalog.json';
import { validatedAtBuild } from '../validated-at-build';
import { parseCatalog, type Catalog } from './catalog-schema';

let builtin: Catalog | undefined;

/** The catalog shipped inside the app (data/catalog.json). Trusted because it is part of the build; still validated (by the CLI's build, else here). */
export function builtinCatalog(): Catalog {
  builtin ??= validatedAtBuild.catalog as Catalog | undefined;
  if (!builtin) {
    const r = parseCatalog(builtinJson);
    if (!r.ok) throw new Error(`the built-in catalog is not valid: ${r.issues.join('; ')}`);
    builtin = r.catalog;
  }
  return builtin;
}
