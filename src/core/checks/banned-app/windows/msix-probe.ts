/**
 * Store / MSIX packages through Windows PowerShell's Get-AppxPackage (all users when allowed, else the
 * current user). The script always prints a JSON envelope, so "no answer at all" (a stub powershell, as
 * under wine) is told apart from "no packages" and reported as unknown, never as clean.
 */
import type { BannedApp } from '../../../policy/policy-schema';
import { commandFailure, garbled } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';

/** One package as the script reports it. */
export interface AppxPackage {
  readonly name: string;
  readonly packageFullName: string;
  readonly version?: string;
  readonly publisher?: string;
  readonly installLocation?: string;
}

/** The parsed envelope: packages, and whether they are every user's. */
export interface AppxList {
  readonly allUsers: boolean;
  readonly packages: readonly AppxPackage[];
}

/** The PowerShell script: a constant (nothing from outside is spliced into it). */
export const APPX_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'try { [Console]::OutputEncoding = [Text.Encoding]::UTF8 } catch { }',
  '$all = $true',
  'try { $p = @(Get-AppxPackage -AllUsers) } catch { $all = $false; $p = @(Get-AppxPackage) }',
  '$list = @($p | Select-Object Name, PackageFullName, Version, Publisher, InstallLocation)',
  'ConvertTo-Json -Compress -Depth 3 -InputObject @{ allUsers = $all; packages = $list }',
].join('; ');

/** The argv that lists packages. */
export const APPX_ARGV: readonly string[] = ['powershell', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', APPX_SCRIPT];

const TIMEOUT_MS = 60_000;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : v !== null && typeof v === 'object' && 'Major' in v ? Object.values(v as object).slice(0, 4).join('.') : undefined;
}

function toPackage(o: unknown): AppxPackage | null {
  if (o === null || typeof o !== 'object') return null;
  const r = o as Record<string, unknown>;
  const name = str(r.Name);
  const packageFullName = str(r.PackageFullName);
  if (!name || !packageFullName) return null;
  const opt = { version: str(r.Version), publisher: str(r.Publisher), installLocation: str(r.InstallLocation) };
  return { name, packageFullName, ...Object.fromEntries(Object.entries(opt).filter(([, v]) => v !== undefined)) };
}

/** Parses the script's JSON: the envelope, or a bare package / array (ConvertTo-Json unwraps one-element arrays). Null when not understood. */
export function parseAppxJson(text: string): AppxList | null {
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start));
  } catch {
    return null;
  }
  const envelope = json !== null && typeof json === 'object' && !Array.isArray(json) && 'packages' in json ? (json as Record<string, unknown>) : null;
  const body = envelope ? envelope.packages : json;
  const items = body === null || body === undefined ? [] : Array.isArray(body) ? body : [body];
  const packages = items.map(toPackage);
  if (packages.some((p) => p === null)) return null;
  return { allUsers: envelope ? envelope.allUsers === true : false, packages: packages as AppxPackage[] };
}

/** Whether a package is the app: its name or full name starts with one of the policy's prefixes. */
export function isAppPackage(app: BannedApp, p: AppxPackage): boolean {
  return app.windows.msixPackagePrefixes.some((pre) => p.name.toLowerCase().startsWith(pre.toLowerCase()) || p.packageFullName.toLowerCase().startsWith(pre.toLowerCase()));
}

/** Store/MSIX packages of the app. */
export const msixProbe: Probe = {
  id: 'windows.msix',
  async run(ctx, app): Promise<ProbeResult> {
    if (app.windows.msixPackagePrefixes.length === 0) return notApplicable('no MSIX prefixes in the policy');
    const looked = 'Get-AppxPackage';
    const r = await ctx.host.run(APPX_ARGV, { timeoutMs: TIMEOUT_MS });
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked, reason: failure };
    if (r.truncated) return { status: 'unknown', looked, reason: garbled('powershell', r.stdout.slice(-120)) };
    const list = parseAppxJson(r.stdout);
    if (!list) return { status: 'unknown', looked, reason: r.stdout.trim() === '' ? { key: 'bannedApp:windows.reason.noAnswer', params: { tool: 'powershell' } } : garbled('powershell', r.stdout) };
    const hits: Hit[] = list.packages.filter((p) => isAppPackage(app, p)).map((p) => ({
      kind: 'installed',
      install: `msix:${p.packageFullName}`,
      source: `MSIX ${p.packageFullName}`,
      remediation: 'uninstall.package',
      evidence: {
        kind: 'package',
        path: p.installLocation,
        ...(p.version ? { version: p.version } : {}),
        detail: `MSIX ${p.packageFullName}`,
        label: { key: p.version ? 'bannedApp:evidence.msix' : 'bannedApp:evidence.msixNoVersion', params: { package: p.name, version: p.version ?? '' } },
        data: { manager: 'msix', name: p.name, packageFullName: p.packageFullName, ...(p.version ? { version: p.version } : {}), ...(p.publisher ? { publisher: p.publisher } : {}), scope: list.allUsers ? 'all-users' : 'user' },
      },
    }));
    return ran(list.allUsers ? `${looked} -AllUsers` : `${looked} (current user)`, hits);
  },
};
