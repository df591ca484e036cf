/**
 * The file format of a recorded machine (ATTT_SELFCHECK_FIXTURE=machine.json): a FixtureSpec as JSON,
 * validated before any probe sees it, so a malformed recording is one clear error (which field, why)
 * instead of a crash somewhere inside a check.
 */
import { lazySchema } from '../lazy-zod';
import type { FixtureSpec } from './fixture-host';

const HOST_ERROR_CODES = ['not-found', 'permission', 'not-a-directory', 'is-a-directory', 'too-large', 'not-a-file', 'is-a-link', 'no-space', 'io'] as const;
const SPECIAL_FILES = ['fifo', 'socket', 'character-device', 'block-device', 'other'] as const;
const RUN_ERROR_CODES = ['not-found', 'timeout', 'permission', 'spawn-failed'] as const;
/** Names that would reach an object's prototype when used as keys. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** The schema of a recorded machine file, built on first use. */
export const fixtureSpecSchema = lazySchema((z) => {
  const owner = { uid: z.number().int().min(0).optional(), gid: z.number().int().min(0).optional(), mode: z.number().int().min(0).max(0o7777).optional() };
  const mtimeMs = z.number().finite().optional();
  const node = z.union([
    z.string(),
    z.object({ type: z.literal('file'), content: z.string(), mtimeMs, ...owner }).strict(),
    z.object({ type: z.literal('dir'), mtimeMs, ...owner }).strict(),
    z.object({ type: z.literal('symlink'), target: z.string().min(1) }).strict(),
    // A FIFO, socket or device at a name: the read path refuses it (not-a-file), as on a real machine.
    z.object({ type: z.literal('special'), special: z.enum(SPECIAL_FILES) }).strict(),
    z.object({ type: z.literal('error'), code: z.enum(HOST_ERROR_CODES) }).strict(),
  ]);
  const command = z
    .object({
      argv: z.array(z.string()).min(1),
      prefix: z.boolean().optional(),
      stdout: z.string().optional(),
      stderr: z.string().optional(),
      exitCode: z.number().int().optional(),
      error: z.enum(RUN_ERROR_CODES).optional(),
    })
    .strict();
  const safeKey = z.string().min(1).refine((k) => !RESERVED.has(k), 'a reserved name');
  /** A path as the recorded platform writes one: absolute (`/…`, or `C:\…` on Windows). */
  const absolutePath = safeKey.refine((k) => k.startsWith('/') || /^[A-Za-z]:[\\/]/.test(k), 'an absolute path');

  return z
    .object({
      platform: z.enum(['win32', 'darwin', 'linux']),
      arch: z.string().min(1).optional(),
      hostname: z.string().min(1).optional(),
      osRelease: z.string().optional(),
      homedir: absolutePath,
      env: z.record(safeKey, z.string()).optional(),
      files: z.record(absolutePath, node).optional(),
      commands: z.array(command).optional(),
    })
    .strict();
});

/** A recorded machine file that cannot be used: which file, where in it, and what is wrong (technical text). */
export class FixtureSpecError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FixtureSpecError';
  }
}

/** Parses and validates the text of a recorded machine file. Throws FixtureSpecError. */
export function parseFixtureSpec(text: string, file: string): FixtureSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FixtureSpecError(file, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  // JSON.parse keeps `"__proto__"` as an own key; copying it into another object would set that object's prototype.
  const reserved = reservedKeyAt(json, []);
  if (reserved) throw new FixtureSpecError(file, `${reserved}: a reserved name`);
  const r = fixtureSpecSchema().safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new FixtureSpecError(file, `${where}: ${issue.message}`);
  }
  return r.data as FixtureSpec;
}

/** The path of the first own key named like a prototype slot, anywhere in parsed JSON; null when none. */
function reservedKeyAt(value: unknown, path: readonly string[], depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const key of Object.keys(value)) {
    if (RESERVED.has(key)) return [...path, key].join('.');
    const inner = reservedKeyAt((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (inner) return inner;
  }
  return null;
}
