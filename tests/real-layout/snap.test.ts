// Zoom's snap (zoom-client) laid out as snapd leaves it: /snap/zoom-client/REV with its
// meta/snap.yaml and /snap/zoom-client/current -> REV, /snap/bin/zoom-client, the .snap in
// /var/lib/snapd/snaps, its desktop entry in /var/lib/snapd/desktop/applications. Faked: snapd
// itself. There is no snapd here, so /usr/bin/snap is a stand-in (tests/helpers/zoom-packages.ts
// SNAP_STUB) that answers `snap list` from that layout in snap's columns and `snap remove` by
// deleting what snapd would; the squashfs is a plain folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, zoomFindings } from '../helpers/real-layout';
import { layZoomSnap, ZOOM_SNAP_REVISION, ZOOM_VERSION } from '../helpers/zoom-packages';

const why = realLayoutUnavailable() ?? (onHost('/usr/bin/snap') ? 'this host has a real snap command: the stand-in would hide it' : null);

describe.skipIf(why !== null)(layoutTitle("Zoom's snap zoom-client (real layout, snapd faked)", why), { timeout: 180_000 }, () => {
  let m: RealLayout;
  beforeAll(() => {
    // Ubuntu-like: the host's Debian packages (an empty dpkg database is rightly 'could not look'), plus the snap.
    m = new RealLayout({ hostPackages: true });
    layZoomSnap(m);
  });
  afterAll(() => m?.dispose());

  it('exit 2: one violation for the snap, with its version and revision', async () => {
    const r = await m.exec(cliArgv(CHECK_ZOOM));
    expect(r.code, r.stderr).toBe(2);
    const findings = zoomFindings(reportOf(r));
    const bad = findings.filter((f) => f.status === 'violation');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.evidence.find((e) => e.kind === 'package')).toMatchObject({ version: ZOOM_VERSION, data: { manager: 'snap', name: 'zoom-client', revision: ZOOM_SNAP_REVISION } });
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });

  it('fix zoom --yes runs snap remove zoom-client; the re-check finds no Zoom', async () => {
    const run = await m.run([{ argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']) }, { argv: cliArgv(CHECK_ZOOM) }]);
    const [fix, check] = run.commands;
    expect(fix!.code, `${fix!.stdout}\n${fix!.stderr}`).toBe(0);
    expect(fix!.stdout).toContain('$ snap remove zoom-client');
    expect(await m.existing(['/snap/zoom-client', `/var/lib/snapd/snaps/zoom-client_${ZOOM_SNAP_REVISION}.snap`])).toEqual([]);
    expect(zoomFindings(reportOf(check!)).filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
  });
});
