// Zoom's .deb on a real-shaped Debian machine (the host's packages, plus Zoom installed with dpkg -i
// inside the layout): the built CLI finds the package, its real /opt/zoom, and Zoom when it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, RealLayout, realLayoutUnavailable, reportOf, zoomFindings } from '../helpers/real-layout';
import { buildZoomDeb, ZOOM_VERSION } from '../helpers/zoom-packages';

const ZOOM_RUNNING = { argv: ['/usr/bin/zoom'], ready: 'zoom' } as const;

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle('Zoom installed from its .deb (real layout)'), { timeout: 180_000 }, () => {
  let clean: RealLayout;
  let zoom: RealLayout;
  beforeAll(async () => {
    clean = new RealLayout({ hostPackages: true });
    zoom = new RealLayout({ hostPackages: true });
    await zoom.must(['dpkg', '-i', buildZoomDeb(zoom.workDir)]);
  });
  afterAll(() => {
    clean?.dispose();
    zoom?.dispose();
  });

  it('a Debian machine without Zoom: no Zoom finding, and the places looked at are ok', async () => {
    const r = await clean.exec(cliArgv(CHECK_ZOOM));
    const findings = zoomFindings(reportOf(r));
    expect(findings.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
    expect(findings.some((f) => f.status === 'ok')).toBe(true);
    expect(r.code, r.stderr).not.toBe(2);
  });

  it('installed: exit 2, one violation for the package, with its real /opt/zoom as evidence of the same install', async () => {
    const r = await zoom.exec(cliArgv(CHECK_ZOOM));
    expect(r.code, r.stderr).toBe(2);
    const findings = zoomFindings(reportOf(r));
    const installed = findings.filter((f) => f.status === 'violation');
    expect(installed).toHaveLength(1);
    expect(installed[0]).toMatchObject({ remediation: 'uninstall.package' });
    const evidence = installed[0]!.evidence;
    expect(evidence.find((e) => e.kind === 'package')).toMatchObject({ version: ZOOM_VERSION, data: { manager: 'dpkg', name: 'zoom', version: ZOOM_VERSION, arch: 'amd64' } });
    expect(evidence.find((e) => e.path === '/opt/zoom')).toMatchObject({ kind: 'folder', label: { key: 'bannedApp:evidence.folderOfPackage', params: { package: 'zoom', manager: 'dpkg' } } });
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });

  it('running (started from /usr/bin/zoom, as the menu entry does): a violation names the process and its program /opt/zoom/zoom', async () => {
    const run = await zoom.run([{ argv: cliArgv(CHECK_ZOOM) }], [ZOOM_RUNNING]);
    const r = run.commands[0]!;
    expect(r.code, r.stderr).toBe(2);
    const pid = String(run.background[0]!.pid);
    const running = zoomFindings(reportOf(r)).filter((f) => f.evidence.some((e) => e.kind === 'process'));
    expect(running).toHaveLength(1);
    expect(running[0]!.status).toBe('violation');
    expect(running[0]!.evidence.find((e) => e.kind === 'process')).toMatchObject({ path: '/opt/zoom/zoom', data: { pid, name: 'zoom' } });
    expect(run.background[0]!.running).toBe(true);
  });
});
