// Zoom's .rpm (built with rpmbuild, laid out as zoom_x86_64.rpm) installed with rpm -i into the
// layout's own rpm database at /var/lib/rpm, as on an rpm-based machine. Debian's rpm keeps its
// database in ~/.rpmdb; an rpm distribution's rpm reads a system database: the layout's
// /etc/rpm/macros says `%_dbpath /var/lib/rpm`, as such a machine's configuration does.
// The removal is the real `rpm -e` on that database: this Debian host has none of dnf, yum and zypper,
// so the planner takes the last tool of its chain (src/core/remediation/rpm-removal.ts), which a
// machine with rpm alone uses too. The choice between the front-ends is tested on recorded hosts
// (tests/core/remediation/posix-plans.test.ts). Nothing is faked here but Zoom's programs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/core/remediation/audit-log';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, zoomFindings, type LayoutResult } from '../helpers/real-layout';
import { buildOtherRpm, buildZoomRpm, rpmbuildAvailable, ZOOM_VERSION } from '../helpers/zoom-packages';

/** The front-ends the planner prefers to rpm -e, where the elevated run takes a program from. */
const FRONT_ENDS = ['dnf', 'yum', 'zypper'].flatMap((t) => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].map((d) => `${d}/${t}`));
const frontEnd = FRONT_ENDS.find(onHost);
const why =
  realLayoutUnavailable() ??
  (rpmbuildAvailable() ? null : 'rpmbuild is missing (apt-get install rpm; .ci/run does it)') ??
  (frontEnd ? `${frontEnd} is on this host: the plan would remove with it, not with the real rpm -e these tests are about` : null);

/** What Zoom's package installed. */
const ZOOM_FILES = ['/opt/zoom', '/opt/zoom/zoom', '/opt/zoom/ZoomLauncher', '/opt/zoom/version.txt', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'];
/** Not Zoom's: must stay whatever happens (the first is another rpm's file). */
const KEPT = ['/opt/vnpt-ca/plugin.so', '/usr/share/applications/firefox-esr.desktop', '/root/Documents/báo cáo.odt'];
const OTHER_RPM = 'vnpt-ca-plugin 2.1.0\n';
/** IT staff run the removal as root (sudo gives root's own HOME): the audit log is root's. */
const AS_ROOT = { env: { HOME: '/root', USER: 'root', LOGNAME: 'root' } };
const AUDIT_LOG = '/root/.config/attt-selfcheck/audit.log';

/**
 * A machine with Zoom's rpm installed (built with `preun` as its %preun scriptlet when given) beside
 * another vendor's rpm (a real rpm machine's database is never Zoom alone: emptied, it would rightly
 * be "could not look"), and files of others.
 */
async function rpmMachine(preun?: string): Promise<RealLayout> {
  const m = new RealLayout({ hostPackages: true });
  m.write('/etc/rpm/macros', '%_dbpath /var/lib/rpm\n');
  for (const p of KEPT.slice(1)) m.write(p, 'not Zoom');
  // Debian's rpm refuses to install without --force-debian (it wants alien); no dependencies are declared.
  await m.must(['rpm', '-i', '--force-debian', '--nodeps', buildOtherRpm(m.workDir), buildZoomRpm(m.workDir, ZOOM_VERSION, preun ? { preun } : {})]);
  return m;
}

/** The audit log's step lines that ran a program. */
async function runSteps(m: RealLayout): Promise<AuditEntry[]> {
  const lines = (await m.read(AUDIT_LOG)).split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as AuditEntry).filter((e) => e.type === 'step' && e.step?.kind === 'run');
}

/** `rpm -q NAME` inside: the name and version when installed, '' when not (rpm says "package NAME is not installed", exit 1). */
async function rpmQuery(m: RealLayout, name = 'zoom'): Promise<string> {
  const r = await m.exec(['rpm', '-q', '--qf', '%{NAME} %{VERSION}\\n', name]);
  return r.code === 0 ? r.stdout : '';
}

const fixText = (r: LayoutResult): string => `${r.stdout}\n${r.stderr}`;

describe.skipIf(why !== null)(layoutTitle("Zoom installed from its .rpm (real layout)", why), { timeout: 180_000 }, () => {
  let m: RealLayout;
  beforeAll(async () => {
    m = await rpmMachine();
  });
  afterAll(() => m?.dispose());

  it('the package really owns its files in the layout', async () => {
    expect(await m.must(['rpm', '-qf', '--qf', '%{NAME} %{VERSION}\\n', '/opt/zoom'])).toBe(`zoom ${ZOOM_VERSION}\n`);
    expect(await m.existing(ZOOM_FILES)).toEqual(ZOOM_FILES);
  });

  it('exit 2: one violation for the rpm package, with its /opt/zoom as evidence of the same install', async () => {
    const r = await m.exec(cliArgv(CHECK_ZOOM));
    expect(r.code, r.stderr).toBe(2);
    const findings = zoomFindings(reportOf(r));
    const bad = findings.filter((f) => f.status === 'violation');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.evidence.find((e) => e.kind === 'package')).toMatchObject({ version: `${ZOOM_VERSION}-1`, data: { manager: 'rpm', name: 'zoom', version: `${ZOOM_VERSION}-1`, arch: 'x86_64' } });
    expect(bad[0]!.evidence.find((e) => e.path === '/opt/zoom')).toMatchObject({ kind: 'folder', label: { key: 'bannedApp:evidence.folderOfPackage', params: { package: 'zoom', manager: 'rpm' } } });
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });

  it('fix zoom --dry-run plans rpm -e as administrator (no dnf, yum or zypper here) and changes nothing', async () => {
    const r = await m.exec(cliArgv(['fix', 'zoom', '--dry-run', '--json']));
    const doc = JSON.parse(r.stdout) as { mode: string; plans: { kind: string; steps: { kind: string; argv?: string[]; elevation?: string }[]; manual: { params?: { command?: string } }[] }[] };
    expect(doc.mode).toBe('dry-run');
    const runs = doc.plans.flatMap((p) => p.steps).filter((s) => s.kind === 'run');
    expect(runs.map((s) => [s.argv, s.elevation])).toEqual([[['rpm', '-e', '--allmatches', 'zoom'], 'admin']]);
    expect(doc.plans[0]!.manual[0]!.params?.command).toBe('sudo rpm -e --allmatches zoom');
    expect(await rpmQuery(m)).toBe(`zoom ${ZOOM_VERSION}\n`);
  });

  it('fix zoom --yes as root removes the package with the real rpm -e: its files are gone, the re-check finds no Zoom, the audit log names the step', async () => {
    const run = await m.run([{ argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...AS_ROOT }, { argv: cliArgv(CHECK_ZOOM), ...AS_ROOT }]);
    const [fix, check] = run.commands;
    expect(fix!.code, fixText(fix!)).toBe(0);
    expect(fix!.stdout).toContain('$ rpm -e --allmatches zoom');
    expect(fix!.stdout).toContain(`Removed, proven by the fresh check: zoom ${ZOOM_VERSION}`);
    expect(fix!.stdout).not.toContain('Still present');
    expect(await rpmQuery(m)).toBe('');
    expect(await m.existing(ZOOM_FILES)).toEqual([]);
    expect(await m.existing(KEPT)).toEqual(KEPT);
    expect(await rpmQuery(m, 'vnpt-ca-plugin')).toBe(OTHER_RPM);
    const findings = zoomFindings(reportOf(check!));
    expect(findings.filter((f) => f.status !== 'ok'), check!.stderr).toEqual([]);
    expect(findings.some((f) => f.status === 'ok')).toBe(true);
    // root runs rpm by its full path from the system folders (never PATH), and the log says so.
    const steps = await runSteps(m);
    expect(steps).toEqual([expect.objectContaining({ argv: [expect.stringMatching(/^\/(usr\/)?bin\/rpm$/), '-e', '--allmatches', 'zoom'], exitCode: 0, outcome: 'ok', step: expect.objectContaining({ title: expect.objectContaining({ params: expect.objectContaining({ name: 'zoom', manager: 'rpm' }) }) }) })]);
  });
});

describe.skipIf(why !== null)(layoutTitle('the rpm removal fails: a clear result, nothing lost (real layout)', why), { timeout: 240_000 }, () => {
  let failing: RealLayout;
  let readOnly: RealLayout;
  beforeAll(async () => {
    // A %preun scriptlet that fails: rpm -e stops before it removes a file (rpm(8): the erase is aborted).
    failing = await rpmMachine('echo "zoom: cannot be removed now" >&2; exit 1');
    readOnly = await rpmMachine();
  });
  afterAll(() => {
    failing?.dispose();
    readOnly?.dispose();
  });

  it("a failing %preun scriptlet: fix exits 2, says rpm's error code and that Zoom is still present; the package and every file stay", async () => {
    const run = await failing.run([{ argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...AS_ROOT }, { argv: cliArgv(CHECK_ZOOM), ...AS_ROOT }]);
    const [fix, check] = run.commands;
    expect(fix!.code, fixText(fix!)).toBe(2);
    expect(fix!.stdout).toContain('$ rpm -e --allmatches zoom');
    expect(fix!.stdout).toMatch(/«rpm» ended with error code 1/);
    expect(fix!.stdout).toContain('Still present');
    expect(fix!.stdout).not.toContain('Removed, proven');
    expect(await rpmQuery(failing)).toBe(`zoom ${ZOOM_VERSION}\n`);
    expect(await rpmQuery(failing, 'vnpt-ca-plugin')).toBe(OTHER_RPM);
    expect(await failing.existing([...ZOOM_FILES, ...KEPT])).toEqual([...ZOOM_FILES, ...KEPT]);
    expect(zoomFindings(reportOf(check!)).filter((f) => f.status === 'violation')).toHaveLength(1);
    expect(await runSteps(failing)).toEqual([expect.objectContaining({ argv: [expect.stringMatching(/\/rpm$/), '-e', '--allmatches', 'zoom'], exitCode: 1, outcome: 'failed' })]);
  });

  it('a read-only rpm database: fix exits 2, says what rpm could not do and that Zoom is still present; the package and every file stay', async () => {
    const remount = { argv: ['mount', '-o', 'remount,bind,ro', '/var/lib/rpm'] };
    const run = await readOnly.run([remount, { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...AS_ROOT }]);
    const [mounted, fix] = run.commands;
    expect(mounted!.code, mounted!.stderr).toBe(0);
    expect(fix!.code, fixText(fix!)).toBe(2);
    expect(fix!.stdout).toContain('$ rpm -e --allmatches zoom');
    expect(fix!.stdout).toMatch(/«rpm» ended with error code 1\b/);
    // rpm's own words, on their own line: it could not lock the database to change it.
    expect(fix!.stdout).toMatch(/\n\s*Technical details: .*can't create transaction lock on \/var\/lib\/rpm/);
    expect(fix!.stdout).toContain('Still present');
    expect(fix!.stdout).not.toContain('Removed, proven');
    // Writable again (a fresh run of the layout): nothing was taken from the database or the disk.
    expect(await rpmQuery(readOnly)).toBe(`zoom ${ZOOM_VERSION}\n`);
    expect(await rpmQuery(readOnly, 'vnpt-ca-plugin')).toBe(OTHER_RPM);
    expect(await readOnly.existing([...ZOOM_FILES, ...KEPT])).toEqual([...ZOOM_FILES, ...KEPT]);
  });
});
