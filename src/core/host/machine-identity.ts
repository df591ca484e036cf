/**
 * The machine's identity for fleet reports, read with `systeminformation` (its `system()` and `osInfo()`: ioreg,
 * sw_vers) on macOS, with our own reads through the Host on Linux (linux-machine-identity.ts: the kernel's DMI
 * files, os-release) and Windows (windows-machine-identity.ts: one CIM query), and made safe to print: placeholder values
 * of firmware ("To be filled by O.E.M.", "-", all-zero UUIDs) count as unread, control characters are dropped,
 * lengths bounded. `machineOf` is what the engine calls: once per run, bounded in time, never throws.
 */
import { MACHINE_FIELDS, type MachineField, type MachineIdentity, type ReportMachine } from '../../shared/machine';
import type { Host } from './host';

/** What `systeminformation` answers, as far as we use it. */
export interface SystemInfoAnswer {
  readonly system: { readonly manufacturer?: string; readonly model?: string; readonly serial?: string; readonly uuid?: string; readonly virtual?: boolean };
  readonly os: { readonly distro?: string; readonly release?: string; readonly build?: string };
}

/** Reads the raw answer; the real one loads `systeminformation` only when first asked (it is large). */
export type SystemInfoReader = () => Promise<SystemInfoAnswer>;

/** The reader of the machine we run on. */
export const systemInfoReader: SystemInfoReader = async () => {
  const si = await import('systeminformation');
  const [system, os] = await Promise.all([si.system(), si.osInfo()]);
  return { system, os };
};

/** How long the identity may take: WMI's first answer on a cold Windows PC takes seconds. */
export const MACHINE_TIMEOUT_MS = 10_000;

/** The longest value kept: firmware strings are short; anything longer is not one. */
const MAX_VALUE = 128;

/** Values firmware and OS tools put where they have nothing (compared lower-case, trimmed). */
const PLACEHOLDERS = new Set([
  '',
  '-',
  'n/a',
  'na',
  'none',
  'unknown',
  'not specified',
  'not applicable',
  'not available',
  'default string',
  'system serial number',
  'system product name',
  'system manufacturer',
  'system version',
  'to be filled by o.e.m.',
  'to be filled by oem',
  'o.e.m.',
  'oem',
  '0',
  '00000000',
  '123456789',
]);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** A value as reports may carry it, or undefined when it is a placeholder or not text. */
export function machineValue(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const v = raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (PLACEHOLDERS.has(v.toLowerCase()) || v.length > MAX_VALUE) return undefined;
  return v;
}

/** An SMBIOS UUID, upper case as osquery shows it; all-zero and all-F UUIDs (unset firmware) are none. */
export function systemUuid(raw: unknown): string | undefined {
  const v = machineValue(raw)?.toUpperCase();
  if (!v || !/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/.test(v)) return undefined;
  if (/^[0-]+$/.test(v) || /^[F-]+$/.test(v)) return undefined;
  return v;
}

/** Each fact made safe (placeholders dropped, control characters out, the UUID checked), whoever gave it. */
export function cleanIdentity(raw: Readonly<Partial<Record<MachineField, unknown>>>): MachineIdentity {
  const id: Partial<Record<MachineField, string>> = {};
  for (const f of MACHINE_FIELDS) {
    const v = f === 'systemUuid' ? systemUuid(raw[f]) : machineValue(raw[f]);
    if (v !== undefined) id[f] = v;
  }
  return id;
}

/** The identity in a raw answer. */
export function identityFrom(a: SystemInfoAnswer): MachineIdentity {
  const { system: s, os } = a;
  return cleanIdentity({ systemUuid: s.uuid, serial: s.serial, manufacturer: s.manufacturer, model: s.model, osName: os.distro, osVersion: os.release, osBuild: os.build });
}

/** The identity of the machine we run on, through `reader` (systeminformation's by default). */
export async function readMachineIdentity(reader: SystemInfoReader = systemInfoReader): Promise<MachineIdentity> {
  return identityFrom(await reader());
}

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)} s`)), ms);
    timer.unref?.();
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Why facts may be missing where the others were read: the OS keeps some from ordinary users. */
const UNREAD_REASON = 'not given by the firmware or the OS, or readable by an administrator only';

/** The report's machine section for `host`: known (with what was not read), or unknown with the reason. Never throws. */
export async function machineOf(host: Host, timeoutMs: number = MACHINE_TIMEOUT_MS): Promise<ReportMachine> {
  if (!host.machineIdentity) return { state: 'unknown', reason: 'this host cannot read a machine identity (a recorded or simulated machine)' };
  const limit = timeout(timeoutMs);
  try {
    const id = cleanIdentity(await Promise.race([host.machineIdentity(), limit.promise]));
    const unread = MACHINE_FIELDS.filter((f) => id[f] === undefined);
    if (unread.length === MACHINE_FIELDS.length) return { state: 'unknown', reason: `nothing could be read (${UNREAD_REASON})` };
    return { state: 'known', ...id, unread, ...(unread.length > 0 ? { unreadReason: UNREAD_REASON } : {}) };
  } catch (e) {
    return { state: 'unknown', reason: `the machine identity could not be read: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    limit.cancel();
  }
}
