// The "done when" of issue 9, tried as a new user would: a Debian machine with Zoom installed from its
// .deb (a real /opt/zoom), Zoom running, its URL handler registered in ~/.config/mimeapps.list. One
// `fix zoom --yes` closes Zoom, purges the package (apt-get, as root), and the re-check finds no Zoom;
// everything else of the machine and of the person stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings, type LayoutRun } from '../helpers/real-layout';
import { buildZoomDeb } from '../helpers/zoom-packages';

const HOME = USER.home;
const MIMEAPPS = `${HOME}/.config/mimeapps.list`;
const OTHER_LINES = ['text/html=firefox-esr.desktop', 'x-scheme-handler/mailto=thunderbird.desktop', 'application/pdf=org.gnome.Evince.desktop;'];
const MIMEAPPS_TEXT = [
  '[Default Applications]',
  'text/html=firefox-esr.desktop',
  'x-scheme-handler/zoommtg=Zoom.desktop',
  'x-scheme-handler/mailto=thunderbird.desktop',
  'x-scheme-handler/zoomus=Zoom.desktop',
  '',
  '[Added Associations]',
  'x-scheme-handler/zoommtg=Zoom.desktop;',
  'application/pdf=org.gnome.Evince.desktop;',
  '',
].join('\n');
/** What is not Zoom's and must be left alone. */
const KEPT = [`${HOME}/Documents/Báo cáo tháng 11.odt`, `${HOME}/.config/zoomer-notes.txt`, '/opt/vnpt-ca/plugin.so', '/usr/share/applications/firefox-esr.desktop'];
/** What Zoom's package installed. */
const ZOOM_FILES = ['/opt/zoom', '/opt/zoom/zoom', '/opt/zoom/ZoomLauncher', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'];

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle('fix zoom --yes on a real-shaped Debian machine, Zoom running'), { timeout: 300_000 }, () => {
  let m: RealLayout;
  let run: LayoutRun;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    await m.must(['dpkg', '-i', buildZoomDeb(m.workDir)]);
    const person = { owner: USER };
    m.write(MIMEAPPS, MIMEAPPS_TEXT, person);
    m.write(KEPT[0]!, 'báo cáo', person);
    m.write(KEPT[1]!, 'not Zoom', person);
    m.write(KEPT[2]!, 'another vendor');
    m.write(KEPT[3]!, '[Desktop Entry]\nName=Firefox ESR\nExec=/usr/lib/firefox-esr/firefox-esr %u\nType=Application\nMimeType=text/html;x-scheme-handler/http;\n');
    run = await m.run(
      [{ argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']) }, { argv: cliArgv(CHECK_ZOOM) }],
      [{ argv: ['/usr/bin/zoom'], user: `${USER.uid}:${USER.gid}`, ready: 'zoom' }],
    );
  });
  afterAll(() => m?.dispose());

  it('fix closes Zoom and purges the package; it says so and exits 0', () => {
    const fix = run.commands[0]!;
    expect(fix.code, `${fix.stdout}\n${fix.stderr}`).toBe(0);
    expect(fix.stdout).toContain('$ apt-get purge -y zoom');
    expect(fix.stdout).toContain('Removed, proven by the fresh check: Zoom is installed (dpkg zoom)');
    expect(fix.stdout).toMatch(/Removed, proven by the fresh check: Zoom is running on this computer \(zoom \(pid \d+\)\)/);
    expect(run.background[0]!.running).toBe(false);
  });

  it('the package and every file it installed are gone', async () => {
    expect(await m.dpkgStatus('zoom')).toBe('');
    expect(await m.existing(ZOOM_FILES)).toEqual([]);
  });

  it('the re-check finds no Zoom', () => {
    const check = run.commands[1]!;
    const findings = zoomFindings(reportOf(check));
    expect(findings.filter((f) => f.status !== 'ok'), check.stderr).toEqual([]);
    expect(findings.some((f) => f.status === 'ok')).toBe(true);
  });

  it("everything else stays: the person's files, other vendors' files, other desktop entries and the person's other mimeapps lines", async () => {
    expect(await m.existing(KEPT)).toEqual(KEPT);
    const mimeapps = await m.read(MIMEAPPS);
    for (const line of OTHER_LINES) expect(mimeapps).toContain(line);
    expect(mimeapps).toContain('[Default Applications]');
    expect(mimeapps).toContain('[Added Associations]');
  });
});
