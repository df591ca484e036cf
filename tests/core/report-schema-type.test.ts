// The strict report schema and the Report type are the same shape, checked by the type checker (npm run typecheck):
// a field, a status or an evidence kind added to one and not the other fails here, before any report is made.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { reportSchema } from '../../src/core/report-schema';
import type { Report } from '../../src/shared/report';

/** The type without its readonly marks: the schema's inferred type has none, Report has them everywhere. */
type Mutable<T> = T extends string | number | boolean | null | undefined ? T : T extends readonly (infer E)[] ? Mutable<E>[] : { -readonly [K in keyof T]: Mutable<T[K]> };

describe('the report schema', () => {
  it('infers exactly Report (every field, optional or not, with its type)', () => {
    expectTypeOf<Mutable<z.infer<typeof reportSchema>>>().toEqualTypeOf<Mutable<Report>>();
  });
});
