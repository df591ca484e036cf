// Zoom's .rpm (built with rpmbuild, laid out as zoom_x86_64.rpm) installed with rpm -i into the
// layout's own rpm database at /var/lib/rpm, as on an rpm-based machine. Debian's rpm keeps its
// database in ~/.rpmdb; an rpm distribution's rpm reads a system database: the layout's
// /etc/rpm/macros says `%_dbpath /var/lib/rpm`, as such a machine's configuration does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, RealLayout, realLayoutUnavailable, reportOf, zoomFindings } from '../helpers/real-layout';
import { buildZoomRpm, rpmbuildAvailable, ZOOM_VERSION } from '../helpers/zoom-packages';

const why = realLayoutUnavailable() ?? (rpmbuildAvailable() ? null : 'rpmbuild is missing (apt-get install rpm; .ci/run does it)');

describe.skipIf(why !== null)(layoutTitle("Zoom installed from its .rpm (real layout)", why), { timeout: 180_000 }, () => {
  let m: RealLayout;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    m.write('/etc/rpm/macros', '%_dbpath /var/lib/rpm\n');
    // Debian's rpm refuses to install without --force-debian (it wants alien); no dependencies are declared.
    await m.must(['rpm', '-i', '--force-debian', '--nodeps', buildZoomRpm(m.workDir)]);
  });
  afterAll(() => m?.dispose());

  it('the package really owns its files in the layout', async () => {
    expect(await m.must(['rpm', '-qf', '--qf', '%{NAME} %{VERSION}\\n', '/opt/zoom'])).toBe(`zoom ${ZOOM_VERSION}\n`);
    expect(await m.existing(['/opt/zoom/zoom', '/opt/zoom/ZoomLauncher', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'])).toHaveLength(4);
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

  it("fix zoom plans the rpm package's removal by dnf (as administrator); Debian has no dnf, so it is not run here and rpm -e is no fallback", async () => {
    const r = await m.exec(cliArgv(['fix', 'zoom', '--dry-run', '--json']));
    const doc = JSON.parse(r.stdout) as { mode: string; plans: { kind: string; steps: { kind: string; argv?: string[]; elevation?: string }[] }[] };
    expect(doc.mode).toBe('dry-run');
    const runs = doc.plans.flatMap((p) => p.steps).filter((s) => s.kind === 'run');
    expect(runs.map((s) => [s.argv, s.elevation])).toEqual([[['dnf', 'remove', '-y', 'zoom'], 'admin']]);
    // Still installed: a dry run changes nothing.
    expect(await m.must(['rpm', '-q', '--qf', '%{NAME}\\n', 'zoom'])).toBe('zoom\n');
  });
});
