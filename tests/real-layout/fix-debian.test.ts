// The "done when" of issue 9, tried as a new user would: a Debian machine with Zoom installed from its
// .deb (a real /opt/zoom), Zoom running, the person's own copy of its menu entry and its URL handlers
// in ~/.config/mimeapps.list. The person runs `fix zoom --yes` as themselves: it closes Zoom, purges
// the package (apt-get through pkexec), deletes the entry, takes the handler lines out, and the
// re-check finds no Zoom; everything else of the machine and of the person stays as it was.
// Faked: the password prompt. /usr/bin/pkexec is the real sudo with a NOPASSWD rule for the person
// (pkexec needs polkitd and an agent; both run their program as root, as the CLI asks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings, type LayoutRun } from '../helpers/real-layout';
import { buildZoomDeb, ZOOM_DESKTOP, ZOOM_VERSION } from '../helpers/zoom-packages';

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
/** The person's own copy of Zoom's menu entry, as people make to change its Exec line. */
const USER_ENTRY = `${HOME}/.local/share/applications/Zoom.desktop`;
const USER_ENTRY_TEXT = ZOOM_DESKTOP.replace('Exec=/usr/bin/zoom %U', 'Exec=env QT_QPA_PLATFORM=xcb /usr/bin/zoom %U');
/** What is not Zoom's and must be left alone. */
const KEPT = [`${HOME}/Documents/Báo cáo tháng 11.odt`, `${HOME}/.config/zoomer-notes.txt`, '/opt/vnpt-ca/plugin.so', '/usr/share/applications/firefox-esr.desktop'];
/** What Zoom's package installed. */
const ZOOM_FILES = ['/opt/zoom', '/opt/zoom/zoom', '/opt/zoom/ZoomLauncher', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'];

const why = realLayoutUnavailable() ?? (onHost('/usr/bin/sudo') ? null : 'sudo is missing (the stand-in for pkexec; .ci/run installs it)');
const PERSON = { user: `${USER.uid}:${USER.gid}` };

describe.skipIf(why !== null)(layoutTitle('fix zoom --yes by the person on a real-shaped Debian machine, Zoom running', why), { timeout: 300_000 }, () => {
  let m: RealLayout;
  let run: LayoutRun;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    await m.must(['dpkg', '-i', buildZoomDeb(m.workDir)]);
    m.symlink('/usr/bin/sudo', '/usr/bin/pkexec');
    m.write('/etc/sudoers.d/clerk', `${USER.name} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    const person = { owner: USER };
    m.write(MIMEAPPS, MIMEAPPS_TEXT, person);
    m.write(USER_ENTRY, USER_ENTRY_TEXT, person);
    m.write(KEPT[0]!, 'báo cáo', person);
    m.write(KEPT[1]!, 'not Zoom', person);
    m.write(KEPT[2]!, 'another vendor');
    m.write(KEPT[3]!, '[Desktop Entry]\nName=Firefox ESR\nExec=/usr/lib/firefox-esr/firefox-esr %u\nType=Application\nMimeType=text/html;x-scheme-handler/http;\n');
    run = await m.run(
      [
        { argv: cliArgv(CHECK_ZOOM), ...PERSON },
        { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...PERSON },
        { argv: cliArgv(CHECK_ZOOM), ...PERSON },
        { argv: ['stat', '-c', '%U:%G %a', MIMEAPPS] },
      ],
      [{ argv: ['/usr/bin/zoom'], ...PERSON, ready: 'zoom' }],
    );
  });
  afterAll(() => m?.dispose());

  it('before: the check finds the package, the running Zoom, the person\'s menu entry and the handler', () => {
    const findings = zoomFindings(reportOf(run.commands[0]!));
    const at = (path: string) => findings.filter((f) => f.evidence.some((e) => e.path === path));
    expect(at('/opt/zoom').map((f) => f.status)).toEqual(['violation']);
    expect(findings.filter((f) => f.evidence.some((e) => e.kind === 'process')).map((f) => f.status)).toEqual(['violation']);
    expect(at(USER_ENTRY).map((f) => f.status)).toEqual(['violation']);
    expect(at(MIMEAPPS)).toHaveLength(1);
    expect(at(MIMEAPPS)[0]!.evidence.find((e) => e.path === MIMEAPPS)!.data).toMatchObject({ schemes: 'zoommtg,zoomus' });
  });

  it('fix closes Zoom and purges the package; it says so and exits 0', () => {
    const fix = run.commands[1]!;
    expect(fix.code, `${fix.stdout}\n${fix.stderr}`).toBe(0);
    expect(fix.stdout).toContain('$ apt-get purge -y zoom');
    expect(fix.stdout).toContain(`Removed, proven by the fresh check: zoom ${ZOOM_VERSION} is installed`);
    // Closing is not removing: the running Zoom's line says it was closed.
    expect(fix.stdout).toMatch(/Closed, proven by the fresh check: Zoom is running on this computer\n/);
    expect(fix.stdout).not.toMatch(/Removed, proven by the fresh check: Zoom is running/);
    expect(fix.stdout).not.toContain('Still present');
    expect(run.background[0]!.running).toBe(false);
  });

  it('the package and every file it installed are gone, and the person\'s copy of its menu entry', async () => {
    expect(await m.dpkgStatus('zoom')).toBe('');
    expect(await m.existing([...ZOOM_FILES, USER_ENTRY])).toEqual([]);
  });

  it('mimeapps.list: no line hands a Zoom link to Zoom any more; still the person\'s file', async () => {
    const mimeapps = await m.read(MIMEAPPS);
    expect(mimeapps).not.toMatch(/zoommtg|zoomus/);
    expect(run.commands[3]!.stdout.trim()).toBe(`${USER.name}:${USER.name} 644`);
  });

  it('the re-check finds no Zoom', () => {
    const check = run.commands[2]!;
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
