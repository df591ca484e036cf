// A program that only shares Zoom's name: Debian's `zoom-player` (a player for Z-code interactive
// fiction, from apt) installs /usr/games/zoom, whose process is named `zoom` like Zoom's client. On a
// real-shaped Debian machine with it installed for real (dpkg -i of the package apt downloaded), it
// is not Zoom: not when installed, not when running.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, zoomFindings } from '../helpers/real-layout';

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

  it('running (a process named zoom whose program is /usr/games/zoom): not flagged as Zoom', async (ctx) => {
    if (unavailable) ctx.skip(unavailable);
    // It is an X program: it keeps running only with a display (Xvfb, in CI's apt list).
    if (!onHost('/usr/bin/Xvfb')) ctx.skip('Xvfb is missing (apt-get install xvfb; .ci/run does it)');
    const display = { DISPLAY: ':7' };
    const run = await m.run(
      [{ argv: ['ps', '-e', '-o', 'pid=,comm=,args='] }, { argv: cliArgv(CHECK_ZOOM) }],
      [
        { argv: ['Xvfb', ':7', '-nolisten', 'tcp'], ready: 'Xvfb' },
        { argv: ['sh', '-c', 'for i in $(seq 100); do [ -e /tmp/.X11-unix/X7 ] && exec /usr/games/zoom; sleep 0.1; done'], env: display, ready: 'zoom' },
      ],
    );
    const player = run.background[1]!;
    expect(run.background.map((b) => b.running)).toEqual([true, true]);
    expect(run.commands[0]!.stdout).toMatch(new RegExp(`^\\s*${player.pid} zoom\\s+/usr/games/zoom`, 'm'));
    const findings = zoomFindings(reportOf(run.commands[1]!));
    expect(findings.filter((f) => f.evidence.some((e) => e.kind === 'process'))).toEqual([]);
    expect(findings.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
  });
});
