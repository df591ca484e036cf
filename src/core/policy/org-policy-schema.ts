/**
 * What an organisation may set over the built-in policy (docs/fleet.md): its name and IT contact, check
 * intervals, extra banned apps, additions to the installer-origin lists, patch thresholds, words added to the advisory page, the default language and
 * whether users may turn notifications off. Strict: an unknown or misspelt field refuses the whole policy.
 */
import type { z } from 'zod';
import { lazySchema } from '../lazy-zod';
import { CHECK_INTERVALS_HOURS, UI_LANGUAGES } from '../../shared/settings';
import { bannedAppSchema, domainNameSchema, installerExtensionSchema } from './policy-schema';

/** The `format` marker of a signed organisation policy file (the envelope of src/core/signing/signed-file.ts). */
export const SIGNED_POLICY_FORMAT = 'attt-selfcheck-policy';

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The schemas of an organisation's settings and of its signed file's payload, built on first use. */
const schemas = lazySchema((z) => {
  /** One line of plain text a person reads: no control or direction-changing characters. */
  const line = (max: number) =>
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .refine((s) => !CONTROL_OR_BREAK.test(s), 'plain text on one line, without control characters');
  /** A paragraph: line breaks allowed, other control characters not. */
  const paragraph = (max: number) =>
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .refine((s) => !CONTROL.test(s), 'plain text without control characters');
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'a real date');

  const itContact = z
    .object({
      name: line(120).optional(),
      phone: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{2,39}$/, 'a telephone number (digits, spaces, + ( ) . -)').optional(),
      email: z.string().trim().max(254).regex(/^[^\s@<>"]+@[^\s@<>".]+(?:\.[^\s@<>".]+)+$/, 'an e-mail address').optional(),
      room: line(120).optional(),
    })
    .strict()
    .refine((c) => c.name !== undefined || c.phone !== undefined || c.email !== undefined || c.room !== undefined, 'at least one way to reach IT');

  const intervals = CHECK_INTERVALS_HOURS.map((h) => z.literal(h)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>, ...z.ZodLiteral<number>[]];

  /** The settings an organisation may give, from its signed file or from Group Policy (each part optional). */
  const settings = z
    .object({
      agency: z.object({ name: line(200).optional(), itContact: itContact.optional() }).strict().optional(),
      schedule: z
        .object({
          /** The longest wait between full checks: a user may choose a shorter one, never a longer one. */
          fullCheckHours: z.union(intervals).optional(),
          /** Minutes between banned-app checks (the built-in policy's `schedule.bannedAppMinutes`). */
          bannedAppMinutes: z.number().int().min(5).max(1440).optional(),
        })
        .strict()
        .optional(),
      /** Apps the organisation bans besides the built-in ones, in the built-in policy's banned-app schema. */
      bannedApps: z.array(bannedAppSchema()).max(50).optional(),
      /** Ids of the built-in policy's online apps (`onlineApps`) the organisation bans: each becomes a banned app with its detection data. */
      banOnlineApps: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(50).optional(),
      /**
       * Added to the built-in `installerOrigin` lists (never removing from them): installer extensions, URL
       * shorteners, file-sharing hosts, and official domains of a built-in online app by its id (policy-in-force.ts).
       */
      installerOrigin: z
        .object({
          extensions: z.array(installerExtensionSchema()).min(1).max(50).optional(),
          shorteners: z.array(domainNameSchema()).min(1).max(500).optional(),
          fileSharing: z.array(domainNameSchema()).min(1).max(500).optional(),
          officialDomains: z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(domainNameSchema()).min(1).max(20)).optional(),
        })
        .strict()
        .optional(),
      patch: z
        .object({ maxBehindDays: z.number().int().min(1).max(3650).optional(), catalogMaxAgeDays: z.number().int().min(1).max(3650).optional() })
        .strict()
        .optional(),
      /** Words the organisation adds to the advisory page, in both languages. */
      advisoryNote: z.object({ vi: paragraph(4000), en: paragraph(4000) }).strict().optional(),
      /** The language of a first start and of the CLI without --lang. */
      defaultLanguage: z.enum(UI_LANGUAGES).optional(),
      notifications: z.object({ usersMayTurnOff: z.boolean() }).strict().optional(),
    })
    .strict()
    .refine((s) => new Set((s.bannedApps ?? []).map((a) => a.id)).size === (s.bannedApps ?? []).length, { message: 'each banned app id only once', path: ['bannedApps'] });

  /** The payload of a signed organisation policy file: the settings with an id and a validity period. */
  const file = z
    .object({
      schemaVersion: z.literal(1),
      /** The organisation's name for this version of its policy (shown to IT in `policy show`). */
      id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'lower-case letters, digits, dots and dashes'),
      issuedAt: isoDate,
      /** The last day the policy is valid (UTC): after it, the policy is refused as expired. */
      notAfter: isoDate,
      settings,
    })
    .strict()
    .refine((p) => p.issuedAt <= p.notAfter, { message: 'notAfter is before issuedAt', path: ['notAfter'] });
  return { settings, file };
});

/** The settings an organisation may give, from its signed file or from Group Policy (each part optional). */
export const orgSettingsSchema = (): ReturnType<typeof schemas>['settings'] => schemas().settings;
/** The payload of a signed organisation policy file: the settings with an id and a validity period. */
export const orgPolicyFileSchema = (): ReturnType<typeof schemas>['file'] => schemas().file;

/** Settings an organisation gave (validated). */
export type OrgSettings = z.infer<ReturnType<typeof orgSettingsSchema>>;
/** A validated organisation policy file's payload. */
export type OrgPolicyFile = z.infer<ReturnType<typeof orgPolicyFileSchema>>;

/** The problems of a failed parse, each with its path, at most `max`. */
export function zodIssues(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
