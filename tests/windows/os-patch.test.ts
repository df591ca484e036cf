/**
 * Issue 6 §3: the OS patch check reads CurrentBuild, UBR, DisplayVersion and EditionID from the wine
 * registry (written by the test) through reg.exe under Windows Node, and judges them against the
 * shipped catalog (data/catalog.json). The CLI runs at the real date: expectations that depend on it
 * are derived from the catalog's own dates, never hard-coded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/core/engine';
import type { Finding } from '../../src/shared/finding';
import { installCli, runCli } from './rig/cli';
import { osPatchCheck } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { deleteReg, importReg, windowsVersionKey } from './rig/registry';
import { findingsOf } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11, release, windows10At22H2, type WindowsVersion } from './rig/windows-versions';

const runnable = wineAvailable && osPatchCheck.landed;
const title = `OS patch check on Windows under wine${runnable ? '' : ` — SKIPPED: ${wineAvailable ? osPatchCheck.missing : 'wine is not installed'}`}`;

const REBOOT_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired';
const WU_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU';

describe.skipIf(!runnable)(title, () => {
  let prefix: WinePrefix;

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  /** Writes the version, runs `check --json`, returns the os-patch findings and the exit code. */
  async function checkAs(v: WindowsVersion, override: Readonly<Record<string, string>> = {}): Promise<{ patch: readonly Finding[]; exitCode: number | null; all: readonly Finding[] }> {
    const key = windowsVersionKey(v);
    await importReg(prefix, [{ ...key, values: { ...key.values, ...override } }]);
    const r = await runCli(prefix, ['check', '--json', '--lang', 'en']);
    const report = r.report!;
    expect(r.exitCode).toBe(exitCodeFor(report.findings));
    return { patch: findingsOf(report, 'os-patch'), exitCode: r.exitCode, all: report.findings };
  }

  function osEvidence(patch: readonly Finding[]) {
    return patch.flatMap((f) => f.evidence).find((e) => e.kind === 'os');
  }

  it('gives Windows 10 22H2 its end-of-support violation (exit 2), with the build it read', async () => {
    const v = windows10At22H2();
    const { patch, exitCode } = await checkAs(v);
    const eol = patch.filter((f) => f.status === 'violation');
    expect(eol).toHaveLength(1);
    expect(eol[0]!.advisoryPoint).toBe(2);
    expect(osEvidence(eol)?.version).toBe(`19045.${v.ubr}`);
    expect(osEvidence(eol)?.data).toMatchObject({ build: '19045', displayVersion: '22H2', editionId: 'Professional' });
    expect(eol[0]!.evidence.some((e) => e.kind === 'catalog')).toBe(true);
    expect(exitCode).toBe(2);
  });

  it('says a fully patched current Windows 11 is ok', async () => {
    const v = currentWindows11();
    const { patch } = await checkAs(v);
    expect(patch.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
    const ok = patch.filter((f) => f.status === 'ok');
    expect(ok).toHaveLength(1);
    expect(osEvidence(ok)?.version).toBe(`${v.build}.${v.ubr}`);
  });

  it('warns when the UBR is older than the updates the catalog knows', async () => {
    const v = { ...currentWindows11(), ubr: 6899 };
    const newest = release(v.build).updates.map((u) => u.ubr);
    expect(Math.min(...newest)).toBeGreaterThan(6899);
    const { patch, exitCode } = await checkAs(v);
    expect(patch.filter((f) => f.status === 'violation')).toEqual([]);
    const behind = patch.filter((f) => f.status === 'warning');
    expect(behind).toHaveLength(1);
    expect(osEvidence(behind)?.version).toBe(`${v.build}.6899`);
    expect(exitCode === 1 || exitCode === 2).toBe(true);
  });

  it('reads EditionID: Windows 11 24H2 ends earlier for Pro than for Enterprise', async () => {
    const r = release(26100);
    const end = r.end;
    const today = new Date().toISOString().slice(0, 10);
    const base = { build: 26100, ubr: r.latestUbr, displayVersion: '24H2', productName: 'Windows 10 Pro' };
    const pro = await checkAs({ ...base, editionId: 'Professional' });
    expect(pro.patch.some((f) => f.status === 'violation')).toBe(today > end.homePro);
    const ent = await checkAs({ ...base, editionId: 'Enterprise', productName: 'Windows 10 Enterprise' });
    expect(ent.patch.some((f) => f.status === 'violation')).toBe(today > end.enterpriseEducation);
  });

  it('warns when a restart is pending or Windows Update is turned off by policy', async () => {
    await importReg(prefix, [
      { path: REBOOT_KEY, values: { '2c3f0c4e-0b2e-4e6e-9a1a-1d5b0b7e5c11': { dword: 1 } } },
      { path: WU_POLICY_KEY, values: { NoAutoUpdate: { dword: 1 } } },
    ]);
    try {
      const { patch } = await checkAs(currentWindows11());
      const warnings = patch.filter((f) => f.status === 'warning');
      expect(warnings.some((f) => f.evidence.some((e) => e.path === REBOOT_KEY || (e.detail ?? '').includes('restart')))).toBe(true);
      expect(warnings.some((f) => f.evidence.some((e) => (e.path ?? '').includes('NoAutoUpdate')))).toBe(true);
    } finally {
      await deleteReg(prefix, [REBOOT_KEY, WU_POLICY_KEY]);
    }
  });

  it('reports unknown with a reason, never ok, when CurrentBuild is garbage', async () => {
    const { patch } = await checkAs(currentWindows11(), { CurrentBuild: '2620O', CurrentBuildNumber: '2620O' });
    expect(patch.some((f) => f.status === 'ok')).toBe(false);
    const unknown = patch.filter((f) => f.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    for (const f of unknown) expect(f.reason?.key).toMatch(/\w+:\w/);
  });
});
