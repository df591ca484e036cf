import type { Evidence } from '../../../shared/finding';
import { displayDate, isoDay } from '../../catalog/dates';
import type { Host } from '../../host/host';
import { isOverlong, splitLines } from '../../text/lines';
import { commandFailure, garbled } from '../reasons';
import type { Pending, Reboot } from './os-state';

/** A simulated upgrade reads the package lists; on a slow disk it takes a while. */
const APT_TIMEOUT_MS = 60_000;
/** dnf may refresh metadata from the network before answering. */
const DNF_TIMEOUT_MS = 90_000;
/** apt-get's messages are localized: force English to parse them. */
const C_LOCALE = { LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' };

/** Counts upgrades in `apt-get -s upgrade` output: `Inst pkg [old] (new source [arch])`, security by `-security` in the source. */
export function parseAptSimulate(stdout: string): { readonly count: number; readonly security: number; readonly packages: readonly string[] } | null {
  // Complete output always ends with the summary line; without it the output was cut or is not apt's.
  const summary = /^(\d+) upgraded, (\d+) newly installed, \d+ to remove and \d+ not upgraded\.?\s*$/m.exec(stdout);
  if (!summary) return null;
  const packages: string[] = [];
  let security = 0;
  // A line at a time: over the whole text `[^)]*` runs on across lines from every `Inst` (quadratic).
  const lines = splitLines(stdout);
  if (lines.some(isOverlong)) return null;
  for (const m of lines.map((l) => /^Inst (\S+)(?: \[[^\]]*\])? \(([^)]*)\)/.exec(l))) {
    if (!m) continue;
    packages.push(m[1]!);
    if (/-security\b/.test(m[2]!)) security++;
  }
  // The Inst lines come after the summary: fewer than it announces means the output was cut.
  if (packages.length !== Number(summary[1]) + Number(summary[2])) return null;
  return { count: packages.length, security, packages };
}

/** Parses update-notifier's apt-check, which prints `regular;security` on stderr. */
export function parseAptCheck(stderr: string): { readonly count: number; readonly security: number } | null {
  const m = splitLines(stderr).map((l) => (isOverlong(l) ? null : /^(\d+);(\d+)$/.exec(l.trim()))).find((x) => x);
  return m ? { count: Number(m[1]), security: Number(m[2]) } : null;
}

/** Counts security advisories' packages in `dnf updateinfo list security` output (`ADVISORY  Severity/Sec.  package`). */
export function parseDnfSecurity(stdout: string): { readonly count: number } | null {
  const pkgs = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || /^(Last metadata|Updating|Repositories|Name\s+Type|Waiting)/i.test(t)) continue;
    const cols = t.split(/\s+/);
    if (cols.length >= 3 && cols.some((c) => /sec/i.test(c))) pkgs.add(cols.find((c, i) => i > 0 && /\.(x86_64|aarch64|noarch|i686|armv7hl|ppc64le|s390x)$/.test(c)) ?? cols[cols.length - 1]!);
    else return null;
  }
  return { count: pkgs.size };
}

const UPDATE_NOTIFIER_APT_CHECK = '/usr/lib/update-notifier/apt-check';

/** Pending updates on a Debian-family system, without root. */
export async function aptPending(host: Host): Promise<Pending> {
  if (await host.stat(UPDATE_NOTIFIER_APT_CHECK)) {
    const r = await host.run([UPDATE_NOTIFIER_APT_CHECK], { timeoutMs: APT_TIMEOUT_MS, env: C_LOCALE });
    const parsed = commandFailure(r) ? null : parseAptCheck(r.stderr);
    if (parsed) return parsed.count > 0 ? { kind: 'some', tool: 'apt-check', ...parsed } : { kind: 'none', tool: 'apt-check' };
    // Fall through to apt-get when apt-check misbehaves.
  }
  const r = await host.run(['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], { timeoutMs: APT_TIMEOUT_MS, env: C_LOCALE });
  const fail = commandFailure(r);
  if (fail) return { kind: 'unknown', reason: fail };
  if (r.truncated) return { kind: 'unknown', reason: garbled('apt-get', r.stdout.slice(-120)) };
  const parsed = parseAptSimulate(r.stdout);
  if (!parsed) return { kind: 'unknown', reason: garbled('apt-get', r.stdout || r.stderr) };
  return parsed.count > 0 ? { kind: 'some', tool: 'apt-get -s upgrade', count: parsed.count, security: parsed.security } : { kind: 'none', tool: 'apt-get -s upgrade' };
}

/** Pending security updates on an RPM system (dnf). */
export async function dnfPending(host: Host): Promise<Pending> {
  const r = await host.run(['dnf', '-q', 'updateinfo', 'list', 'security'], { timeoutMs: DNF_TIMEOUT_MS, env: C_LOCALE });
  const fail = commandFailure(r);
  if (fail) return { kind: 'unknown', reason: fail };
  const parsed = parseDnfSecurity(r.stdout);
  if (!parsed) return { kind: 'unknown', reason: garbled('dnf', r.stdout) };
  return parsed.count > 0 ? { kind: 'some', tool: 'dnf updateinfo', count: parsed.count, security: parsed.count } : { kind: 'none', tool: 'dnf updateinfo' };
}

/** Where apt records its last successful list update (written by apt's periodic job). */
export const APT_STAMP = '/var/lib/apt/periodic/update-success-stamp';
/** The package lists; the folder changes whenever `apt update` brings new lists. */
export const APT_LISTS = '/var/lib/apt/lists';

/** Age of the package lists: the newer of the success stamp and the lists folder. Null when neither exists. */
export async function aptListsDate(host: Host): Promise<{ readonly ms: number; readonly path: string } | null> {
  let best: { ms: number; path: string } | null = null;
  for (const path of [APT_STAMP, APT_LISTS]) {
    try {
      const s = await host.stat(path);
      if (s && s.mtimeMs > 0 && (!best || s.mtimeMs > best.ms)) best = { ms: s.mtimeMs, path };
    } catch {
      // Unreadable: try the other.
    }
  }
  return best;
}

/** Evidence for the lists' date. */
export function listsEvidence(d: { ms: number; path: string }): Evidence {
  return { kind: 'update', path: d.path, detail: `package lists updated ${isoDay(d.ms)}`, label: { key: 'patch:evidence.listsUpdated', params: { date: displayDate(isoDay(d.ms)) } }, data: { listsUpdated: new Date(d.ms).toISOString() } };
}

/** Debian and Ubuntu's marker for a needed restart. */
export const REBOOT_REQUIRED = ['/var/run/reboot-required', '/run/reboot-required'];

/** Whether a Debian-family system asks for a restart. */
export async function debianReboot(host: Host): Promise<Reboot> {
  for (const p of REBOOT_REQUIRED) {
    try {
      if (await host.stat(p)) return { kind: 'pending', source: p };
    } catch (e) {
      return { kind: 'unknown', reason: { key: 'common:reason.readFailed', params: { path: p, message: e instanceof Error ? e.message : String(e) } } };
    }
  }
  return { kind: 'none' };
}

/** Whether an RPM system asks for a restart (`needs-restarting -r`: exit 1 = yes, 0 = no). */
export async function rpmReboot(host: Host): Promise<Reboot> {
  const r = await host.run(['needs-restarting', '-r'], { timeoutMs: 30_000, env: C_LOCALE });
  if (r.error?.code === 'not-found') return { kind: 'not-applicable' };
  if (!r.error && r.exitCode === 1) return { kind: 'pending', source: 'needs-restarting -r' };
  const fail = commandFailure(r);
  return fail ? { kind: 'unknown', reason: fail } : { kind: 'none' };
}

/** Whether Ubuntu Pro's ESM repositories are configured (ubuntu-advantage/pro writes *esm* sources). */
export async function esmEnabled(host: Host): Promise<boolean> {
  try {
    return (await host.list('/etc/apt/sources.list.d')).some((e) => /esm/i.test(e.name) && /\.(list|sources)$/.test(e.name));
  } catch {
    return false;
  }
}
