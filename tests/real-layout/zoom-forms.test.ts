// Zoom in the forms it leaves in a home, on a real-shaped machine (rung 2b): the official tarball unpacked in
// "Tải về" and running from there, the person's menu entry and autostart entry that start it, its zoommtg:/zoomus:
// handlers in ~/.config/mimeapps.list; beside them look-alikes (a magnifier's entry, a notes folder named zoom,
// a web-app entry that opens Zoom links in a browser). The person runs `check`, then `fix zoom --yes`, then `check`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtCli, cliArgv, layoutTitle, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings, type LayoutRun } from '../helpers/real-layout';
import { ZOOM_DESKTOP } from '../helpers/zoom-packages';

const HOME = USER.home;
const FORMS = join(__dirname, '..', 'fixtures', 'linux', 'zoom-forms');
const TARBALL = `${HOME}/Tải về/zoom`;
const ENTRY = `${HOME}/.local/share/applications/Zoom.desktop`;
const AUTOSTART = `${HOME}/.config/autostart/zoom.desktop`;
const WEBAPP = `${HOME}/.local/share/applications/zoom-webapp.desktop`;
const MIMEAPPS = `${HOME}/.config/mimeapps.list`;
const MIMEAPPS_TEXT = '# chosen in Settings\n[Default Applications]\ntext/html=firefox-esr.desktop\nx-scheme-handler/zoommtg=Zoom.desktop\nx-scheme-handler/zoomus=Zoom.desktop\n\n[Added Associations]\napplication/pdf=org.gnome.Evince.desktop;\n';
/** Not Zoom's: must stay. */
const KEPT = [`${HOME}/notes/zoom/ZoomLauncher`, `${HOME}/notes/zoom/zoom`, '/usr/share/applications/org.kde.kmag.desktop', WEBAPP, `${HOME}/Tải về/Báo cáo.odt`];
const person = { owner: USER };
const asPerson = `${USER.uid}:${USER.gid}`;

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle('Zoom unpacked in a home, with its entries and handlers, Zoom running from there'), { timeout: 300_000 }, () => {
  let m: RealLayout;
  let run: LayoutRun;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    // The person runs the CLI: its bundle's private folder must be readable by them.
    chmodSync(dirname(builtCli()), 0o755);
    // The tarball's programs are ELF files (stand-ins: /bin/sleep, which stays running as Zoom does).
    m.copy('/bin/sleep', `${TARBALL}/zoom`, 0o755);
    m.copy('/bin/sleep', `${TARBALL}/ZoomLauncher`, 0o755);
    m.write(`${TARBALL}/zoom.sh`, '#!/bin/bash\n', { mode: 0o755 });
    m.write(`${TARBALL}/Qt/lib/libQt5Core.so.5`, 'x');
    m.write(`${HOME}/Tải về/Báo cáo.odt`, 'báo cáo');
    m.write(KEPT[0]!, '#!/bin/sh\necho my notes\n');
    m.write(KEPT[1]!, 'notes');
    m.mkdir(`${HOME}`, USER);
    m.write(ENTRY, ZOOM_DESKTOP.replace('Exec=/usr/bin/zoom %U', `Exec="${TARBALL}/ZoomLauncher" %U`), person);
    m.write(AUTOSTART, `[Desktop Entry]\nType=Application\nName=Zoom\nExec="${TARBALL}/ZoomLauncher" --silent\n`, person);
    m.write(WEBAPP, readFileSync(join(FORMS, 'zoom-webapp.desktop')), person);
    m.write(MIMEAPPS, MIMEAPPS_TEXT, person);
    m.write(KEPT[2]!, readFileSync(join(FORMS, 'kmag.desktop')));
    m.mkdir(`${HOME}/.local`, USER);
    m.mkdir(`${HOME}/.config`, USER);
    run = await m.run(
      [
        { argv: cliArgv(['check', '--json']), user: asPerson },
        { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), user: asPerson },
        { argv: cliArgv(['check', '--json']), user: asPerson },
      ],
      [{ argv: [`${TARBALL}/zoom`, 'infinity'], user: asPerson, ready: 'zoom' }],
    );
  });
  afterAll(() => m?.dispose());

  it('check finds the tarball (an install), Zoom running, the entries that start it and the handler; no look-alike', () => {
    const found = zoomFindings(reportOf(run.commands[0]!)).filter((f) => f.status !== 'ok' && f.status !== 'unknown');
    const byTitle = found.map((f) => [f.status, f.title.key]).sort();
    expect(byTitle).toEqual(
      [
        ['violation', 'bannedApp:form.tarball.title'],
        ['violation', 'bannedApp:running.title'],
        ['violation', 'bannedApp:form.desktop-entry.runs'],
        ['violation', 'bannedApp:form.autostart.runs'],
        ['warning', 'bannedApp:form.url-handler'],
        ['warning', 'bannedApp:form.desktop-entry.leftover'],
      ].sort(),
    );
    expect(found.find((f) => f.title.key === 'bannedApp:form.tarball.title')!.evidence[0]).toMatchObject({ kind: 'folder', path: TARBALL });
    const paths = found.flatMap((f) => f.evidence.map((e) => e.path ?? ''));
    expect(paths).not.toContain(`${HOME}/notes/zoom`);
    expect(paths).not.toContain('/usr/share/applications/org.kde.kmag.desktop');
    for (const f of found) expect(JSON.stringify(f.title.params ?? {})).not.toContain('/');
  });

  it('fix closes Zoom, deletes the tarball and the entries, takes the handler lines out; it says what is left and why', async () => {
    const fix = run.commands[1]!;
    expect(run.background[0]!.running).toBe(false);
    expect(await m.existing([TARBALL, ENTRY, AUTOSTART])).toEqual([]);
    expect(await m.read(MIMEAPPS)).toBe('# chosen in Settings\n[Default Applications]\ntext/html=firefox-esr.desktop\n\n[Added Associations]\napplication/pdf=org.gnome.Evince.desktop;\n');
    expect(fix.stdout).toContain('opens Zoom meeting links but starts another program');
    expect(fix.code, `${fix.stdout}\n${fix.stderr}`).toBe(1);
  });

  it('the re-check finds only the web-app entry, and everything else stays', async () => {
    const left = zoomFindings(reportOf(run.commands[2]!)).filter((f) => f.status !== 'ok');
    expect(left.map((f) => [f.status, f.evidence[0]?.path])).toEqual([['warning', WEBAPP]]);
    expect(await m.existing(KEPT)).toEqual(KEPT);
  });
});
