// A program that only shares Zoom's name: Debian's `zoom-player` (a player for Z-code interactive
// fiction, from apt) installs /usr/games/zoom, whose process is named `zoom` like Zoom's client. On a
// real-shaped Debian machine with it installed for real (dpkg -i of the package apt downloaded), it
// is not Zoom.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, RealLayout, realLayoutUnavailable, reportOf, zoomFindings } from '../helpers/real-layout';

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle("Debian's zoom-player, a program named zoom of another package (real layout)"), { timeout: 240_000 }, () => {
  let m: RealLayout;
  /** Why the look-alike could not be installed here (no apt lists or network, unmet dependencies); null when it is. */
  let unavailable: string | null = null;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    const dl = spawnSync('apt-get', ['download', 'zoom-player'], { cwd: m.workDir, encoding: 'utf8', timeout: 120_000 });
    const deb = readdirSync(m.workDir).find((f) => /^zoom-player_.*\.deb$/.test(f));
    if (!deb) {
      unavailable = `apt-get download zoom-player failed (no apt lists or no network?): ${(dl.stderr || dl.error?.message || '').trim().split('\n').pop()}`;
      return;
    }
    const install = await m.exec(['dpkg', '-i', join(m.workDir, deb)]);
    if (install.code !== 0) {
      unavailable = `dpkg -i zoom-player failed here (its libraries are not installed on this host?): ${install.stderr.trim().split('\n').pop()}`;
      return;
    }
    // With more than one story in its game folder it shows a chooser and waits (with none it stops at once).
    m.write('/usr/share/zoom/games/a.z5', 'a'.repeat(2048));
    m.write('/usr/share/zoom/games/b.z5', 'b'.repeat(2048));
  });
  afterAll(() => m?.dispose());

  it('installed: /usr/games/zoom belongs to zoom-player, and the check finds no Zoom', async (ctx) => {
    if (unavailable) ctx.skip(unavailable);
    expect(await m.must(['dpkg-query', '-S', '/usr/games/zoom'])).toBe('zoom-player: /usr/games/zoom\n');
    const r = await m.exec(cliArgv(CHECK_ZOOM));
    const findings = zoomFindings(reportOf(r));
    expect(findings.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
    expect(r.code, r.stderr).not.toBe(2);
  });
});
