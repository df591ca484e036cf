// Zoom's flatpak (us.zoom.Zoom) deployed as flatpak leaves it, system-wide in /var/lib/flatpak and
// for the person in ~/.local/share/flatpak: app/us.zoom.Zoom/current -> x86_64/stable, active -> the
// deployed commit with its metadata, AppStream file and exported desktop entry. There is no flatpak
// command here (none in the CI list): the probe reads those deploy folders, as it does on a machine
// whose flatpak is missing or too old; the ostree repository is not laid out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings } from '../helpers/real-layout';
import { layZoomFlatpak, ZOOM_VERSION } from '../helpers/zoom-packages';

const why = realLayoutUnavailable() ?? (onHost('/usr/bin/flatpak') ? 'this host has a flatpak command: it would answer from its own (empty) repository, not the deploy folders' : null);

describe.skipIf(why !== null)(layoutTitle("Zoom's flatpak us.zoom.Zoom, system and per-user (real layout)", why), { timeout: 180_000 }, () => {
  let system: RealLayout;
  let user: RealLayout;
  beforeAll(() => {
    system = new RealLayout({ hostPackages: true });
    layZoomFlatpak(system, '/var/lib/flatpak');
    user = new RealLayout({ hostPackages: true });
    layZoomFlatpak(user, `${USER.home}/.local/share/flatpak`, USER);
  });
  afterAll(() => {
    system?.dispose();
    user?.dispose();
  });

  for (const [scope, layout, path] of [
    ['system', () => system, '/var/lib/flatpak/app/us.zoom.Zoom'],
    ['user', () => user, `${USER.home}/.local/share/flatpak/app/us.zoom.Zoom`],
  ] as const) {
    it(`${scope} installation: exit 2, one violation for the flatpak with its version from the AppStream file`, async () => {
      const r = await layout().exec(cliArgv(CHECK_ZOOM));
      expect(r.code, r.stderr).toBe(2);
      const findings = zoomFindings(reportOf(r));
      const bad = findings.filter((f) => f.status === 'violation');
      expect(bad).toHaveLength(1);
      expect(bad[0]!.evidence.find((e) => e.kind === 'package')).toMatchObject({ path, version: ZOOM_VERSION, data: { manager: 'flatpak', name: 'us.zoom.Zoom', scope } });
      expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
    });
  }
});
