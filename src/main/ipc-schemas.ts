/** zod schemas of every request in the IPC contract: main validates each payload before acting on it. */
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from '../shared/ipc-contract';
import { CHECK_INTERVALS_HOURS, UI_LANGUAGES, type Settings } from '../shared/settings';

/** A finding id as src/core/checks/check.ts makes it (`check:hash`), with some room for other checks. */
export const findingIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}:[A-Za-z0-9._:-]{1,128}$/, 'a finding id');

/** A banned app's id as the policy schema allows it (src/core/policy/policy-schema.ts). */
export const appIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'an app id');

/** A plan token main made (`FINDING@N`, `app:APP@N`). */
const planIdSchema = z.string().min(1).max(200);

/** A complete Settings object. */
export const settingsSchema = z
  .object({
    language: z.enum(UI_LANGUAGES),
    intervalHours: z
      .number()
      .int()
      .refine((h) => (CHECK_INTERVALS_HOURS as readonly number[]).includes(h), `one of ${CHECK_INTERVALS_HOURS.join(', ')}`),
    startAtLogin: z.boolean(),
    notifications: z.boolean(),
  })
  .strict() satisfies z.ZodType<Settings>;

const none = z.undefined();

/** Request schema per channel. `satisfies` keeps each in step with the contract's types. */
export const requestSchemas = {
  'report:latest': none,
  'check:run': none,
  'settings:get': none,
  'settings:set': settingsSchema.partial().strict(),
  'history:list': z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'policy:get': none,
  'fix:plan': z.object({ findingId: findingIdSchema }).strict(),
  'fix:run': z.object({ findingId: findingIdSchema, planId: planIdSchema }).strict(),
  'fix:plan-app': z.object({ appId: appIdSchema }).strict(),
  'fix:run-app': z.object({ appId: appIdSchema, planId: planIdSchema }).strict(),
  'fix:close-app': z.object({ appId: appIdSchema }).strict(),
  'notifications:pause': z.object({ duration: z.enum(['hour', 'tomorrow', 'off']) }).strict(),
  'notifications:state': none,
  'notifications:snooze': z.object({ findingId: findingIdSchema }).strict(),
  'link:open': z.object({ url: z.string().min(1).max(2048) }).strict(),
  'app:problems': none,
} as const satisfies { readonly [C in InvokeChannel]: z.ZodType<RequestOf<C>> };
