// Every form Zoom leaves on Linux, as real files in a temporary root: the tarball unpacked in a home, menu and
// autostart entries, scheme handlers in mimeapps.list; look-alikes, garbled and huge files, links. And their removal.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../src/shared/finding';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { autostartProbe, desktopEntriesProbe } from '../../../../src/core/checks/banned-app/linux/desktop-entries';
import { otherUsersTarballProbe, tarballProbe } from '../../../../src/core/checks/banned-app/linux/tarball-probes';
import { scanHomeForTarballs, TARBALL_MAX_FOLDERS } from '../../../../src/core/checks/banned-app/linux/tarball';
import { urlHandlersProbe } from '../../../../src/core/checks/banned-app/linux/url-handlers';
import type { Probe } from '../../../../src/core/checks/banned-app/probe';
import type { Host } from '../../../../src/core/host/host';
import { ConfinedMutableHost, RealMutableHost } from '../../../../src/core/host/mutable-host';
import { RealHost } from '../../../../src/core/host/real-host';
import type { BannedApp } from '../../../../src/core/policy/policy-schema';
import { allowlistFor } from '../../../../src/core/remediation/allowlist';
import { planFindings } from '../../../../src/core/remediation/plan-findings';
import { runPlan } from '../../../../src/core/remediation/runner';
import { hitsOf, NOW, runProbe, zoom } from './harness';

const FORMS = join(__dirname, '..', '..', '..', 'fixtures', 'linux', 'zoom-forms');
const ELF = '/bin/true';
const now = () => NOW;

let root: string;
let home: string;
let sys: string;
let host: RealHost;
let app: BannedApp;

/** Zoom's policy with its absolute launchers moved under the test's root (nothing else changed). */
function appUnder(prefix: string): BannedApp {
  const z = zoom();
  return { ...z, linux: { ...z.linux, launchers: z.linux.launchers.map((l) => join(prefix, l)) } };
}

/** Zoom's real entry, its Exec moved under the test's root. */
function zoomEntry(exec = `${sys}/usr/bin/zoom %U`): string {
  return readFileSync(join(FORMS, 'Zoom.desktop'), 'utf8').replace('Exec=/usr/bin/zoom %U', `Exec=${exec}`);
}

/** A tarball's folder as zoom_x86_64.tar.xz unpacks it: zoom/ with ZoomLauncher, zoom (programs), zoom.sh, Qt. */
function unpackTarball(dir: string): void {
  mkdirSync(join(dir, 'Qt', 'lib'), { recursive: true });
  copyFileSync(ELF, join(dir, 'ZoomLauncher'));
  copyFileSync(ELF, join(dir, 'zoom'));
  writeFileSync(join(dir, 'zoom.sh'), '#!/bin/bash\n');
  writeFileSync(join(dir, 'Qt', 'lib', 'libQt5Core.so.5'), 'x');
}

/** /opt/zoom and /usr/bin/zoom as Zoom's .deb leaves them, under the test's root. */
function installDeb(): void {
  mkdirSync(join(sys, 'opt', 'zoom'), { recursive: true });
  mkdirSync(join(sys, 'usr', 'bin'), { recursive: true });
  copyFileSync(ELF, join(sys, 'opt', 'zoom', 'ZoomLauncher'));
  copyFileSync(ELF, join(sys, 'opt', 'zoom', 'zoom'));
  symlinkSync('../../opt/zoom/ZoomLauncher', join(sys, 'usr', 'bin', 'zoom'));
}

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'attt-forms-'));
  home = join(root, 'home', 'nguyễn');
  sys = join(root, 'sys');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(sys, 'usr', 'share', 'applications'), { recursive: true });
  mkdirSync(join(sys, 'etc', 'xdg', 'autostart'), { recursive: true });
  host = new RealHost({ homedir: home, env: { HOME: home, XDG_DATA_DIRS: join(sys, 'usr', 'share'), XDG_CONFIG_DIRS: join(sys, 'etc', 'xdg') } });
  app = appUnder(sys);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const run = (probe: Probe, h: Host = host) => runProbe(probe, h, app);

describe('the tarball unpacked in a home', () => {
  it('is found by its files wherever it lies (a Vietnamese Downloads folder, any folder name), as an install', async () => {
    unpackTarball(join(home, 'Tải về', 'bản-họp'));
    unpackTarball(join(home, '.local', 'opt', 'zoom'));
    const hits = hitsOf(await run(tarballProbe));
    expect(hits.map((h) => [h.kind, h.install]).sort()).toEqual([
      ['installed', `folder:${join(home, '.local', 'opt', 'zoom')}`],
      ['installed', `folder:${join(home, 'Tải về', 'bản-họp')}`],
    ]);
    expect(hits[0]!.title).toEqual({ key: 'bannedApp:form.tarball.title', params: { app: 'Zoom' } });
    expect(hits[0]!.evidence).toMatchObject({ kind: 'folder', data: { form: 'tarball' }, label: { key: 'bannedApp:evidence.tarball' } });
  });

  it('look-alikes are not it: a folder named zoom with text files of those names, one program missing, the files as links', async () => {
    write(join(home, 'zoom', 'ZoomLauncher'), '#!/bin/sh\necho not zoom\n');
    write(join(home, 'zoom', 'zoom'), 'notes');
    mkdirSync(join(home, 'half'));
    copyFileSync(ELF, join(home, 'half', 'ZoomLauncher'));
    mkdirSync(join(home, 'links'));
    symlinkSync(ELF, join(home, 'links', 'ZoomLauncher'));
    symlinkSync(ELF, join(home, 'links', 'zoom'));
    expect(hitsOf(await run(tarballProbe))).toEqual([]);
  });

  it('never follows a link to a folder, and stops at its depth', async () => {
    unpackTarball(join(root, 'outside', 'zoom'));
    symlinkSync(join(root, 'outside'), join(home, 'elsewhere'));
    unpackTarball(join(home, 'a', 'b', 'c', 'd', 'e', 'zoom'));
    expect(hitsOf(await run(tarballProbe))).toEqual([]);
  });

  it('a walk stops at its bound of folders and says so (shallow places first: a tarball near the top is still found)', async () => {
    for (let i = 0; i < 30; i++) mkdirSync(join(home, `d${i}`, 'inner'), { recursive: true });
    expect(await scanHomeForTarballs(host, app, home, 20)).toEqual({ hits: [], failures: [], cut: true });
    unpackTarball(join(home, 'zoom'));
    const s = await scanHomeForTarballs(host, app, home, 40);
    expect([s.cut, s.hits.map((h) => h.install)]).toEqual([true, [`folder:${join(home, 'zoom')}`]]);
    expect(TARBALL_MAX_FOLDERS).toBeGreaterThanOrEqual(1000);
  });

  it("in another user's home it is found, named as theirs", async () => {
    const other = join(root, 'home', 'lan');
    unpackTarball(join(other, 'Downloads', 'zoom'));
    const passwd = join(root, 'passwd');
    writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\nlan:x:1001:1001:Lan:${other}:/bin/bash\n`);
    const h = new RealHost({ homedir: home, env: { HOME: home, ATTT_SELFCHECK_PASSWD_FILE: passwd } });
    const hits = hitsOf(await run(otherUsersTarballProbe, h));
    expect(hits.map((x) => x.install)).toEqual([`folder:${join(other, 'Downloads', 'zoom')}`]);
    expect(hits[0]!.evidence.data).toMatchObject({ home: other });
    const policy = (await import('../../../../src/core/policy/policy')).builtinPolicy();
    const [finding] = await bannedAppCheck({ linux: [otherUsersTarballProbe], win32: [], darwin: [] }).run({ host: h, policy: { ...policy, bannedApps: [app] }, now: NOW });
    expect(finding!.title).toEqual({ key: 'bannedApp:form.tarball.titleOfUser', params: { app: 'Zoom', user: 'lan' } });
  });
});

describe('menu and autostart entries', () => {
  it("Zoom's entry copied into the user's menu while Zoom is installed: Zoom can still run (a violation's kind)", async () => {
    installDeb();
    write(join(home, '.local', 'share', 'applications', 'Zoom.desktop'), zoomEntry());
    const hits = hitsOf(await run(desktopEntriesProbe));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'installed', install: `entry:${join(home, '.local', 'share', 'applications', 'Zoom.desktop')}`, title: { key: 'bannedApp:form.desktop-entry.runs' } });
    expect(hits[0]!.evidence).toMatchObject({ kind: 'launcher', data: { form: 'desktop-entry', runs: '1', program: `${sys}/usr/bin/zoom`, schemes: 'zoommtg,zoomus,zoomphonecall,zoomphonesms,zoomcontactcentercall' } });
  });

  it('the same entry after Zoom is gone (/usr/bin/zoom a dangling link) is a leftover; a system entry no package owns too', async () => {
    installDeb();
    rmSync(join(sys, 'opt', 'zoom'), { recursive: true });
    write(join(home, '.local', 'share', 'applications', 'Zoom.desktop'), zoomEntry());
    write(join(sys, 'usr', 'share', 'applications', 'Zoom.desktop'), zoomEntry());
    const hits = hitsOf(await run(desktopEntriesProbe));
    expect(hits.map((h) => [h.kind, h.evidence.data?.runs, h.title?.key])).toEqual([
      ['leftover', '0', 'bannedApp:form.desktop-entry.leftover'],
      ['leftover', '0', 'bannedApp:form.desktop-entry.leftover'],
    ]);
  });

  it('an entry that starts the unpacked tarball, and an autostart entry of Zoom', async () => {
    const dir = join(home, 'Apps', 'zoom');
    unpackTarball(dir);
    write(join(home, '.local', 'share', 'applications', 'zoom-tar.desktop'), `[Desktop Entry]\nName=Zoom\nExec="${dir}/ZoomLauncher" %U\nType=Application\n`);
    installDeb();
    write(join(home, '.config', 'autostart', 'zoom.desktop'), `[Desktop Entry]\nType=Application\nExec=env QT_SCALE_FACTOR=2 ${sys}/opt/zoom/ZoomLauncher --silent\n`);
    expect(hitsOf(await run(desktopEntriesProbe)).map((h) => [h.kind, h.evidence.data?.program])).toEqual([['installed', `${dir}/ZoomLauncher`]]);
    expect(hitsOf(await run(autostartProbe)).map((h) => [h.kind, h.title?.key])).toEqual([['installed', 'bannedApp:form.autostart.runs']]);
    // The folder deleted, the entry is what the tarball left: a leftover still removed as Zoom's.
    rmSync(dir, { recursive: true });
    expect(hitsOf(await run(desktopEntriesProbe)).map((h) => [h.kind, h.evidence.label?.key])).toEqual([['leftover', 'bannedApp:evidence.entry.started']]);
    // A file of that name that is no tarball's is not it.
    write(join(dir, 'ZoomLauncher'), '#!/bin/sh\n');
    expect(hitsOf(await run(desktopEntriesProbe))).toEqual([]);
  });

  it('look-alikes are not flagged: a magnifier, xzoom, a bare "zoom"; a hidden entry; garbled, huge and linked entries are skipped', async () => {
    installDeb();
    const apps = join(home, '.local', 'share', 'applications');
    write(join(apps, 'org.kde.kmag.desktop'), readFileSync(join(FORMS, 'kmag.desktop')));
    write(join(apps, 'xzoom.desktop'), '[Desktop Entry]\nName=xzoom\nComment=Zoom in on the screen\nExec=/usr/bin/xzoom\n');
    write(join(apps, 'bare.desktop'), '[Desktop Entry]\nName=Zoom\nExec=zoom %U\n');
    write(join(apps, 'hidden.desktop'), `${zoomEntry()}Hidden=true\n`);
    write(join(apps, 'garbled.desktop'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 0x0a, 0x5b]));
    write(join(apps, 'huge.desktop'), `${zoomEntry()}X-Pad=${'x'.repeat(300 * 1024)}\n`);
    write(join(root, 'outside', 'Zoom.desktop'), zoomEntry());
    symlinkSync(join(root, 'outside', 'Zoom.desktop'), join(apps, 'linked.desktop'));
    expect(hitsOf(await run(desktopEntriesProbe))).toEqual([]);
  });

  it('a web-app entry that opens zoommtg: links but starts a browser is reported, not as Zoom that runs', async () => {
    write(join(home, '.local', 'share', 'applications', 'zoom-webapp.desktop'), readFileSync(join(FORMS, 'zoom-webapp.desktop')));
    const [hit] = hitsOf(await run(desktopEntriesProbe));
    expect(hit).toMatchObject({ kind: 'leftover', evidence: { label: { key: 'bannedApp:evidence.entry.handles' }, data: { schemes: 'zoommtg,zoomus', runs: '0' } } });
    expect(hit!.evidence.data?.program).toBeUndefined();
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable menu folder is a reason, not clean (skipped as root: root reads every folder)', async () => {
    const apps = join(home, '.local', 'share', 'applications');
    mkdirSync(apps, { recursive: true, mode: 0o000 });
    expect(await run(desktopEntriesProbe)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });
});

describe('scheme handlers in mimeapps.list', () => {
  const MIMEAPPS = '# mine\n[Default Applications]\ntext/html=firefox.desktop\nx-scheme-handler/zoommtg=Zoom.desktop\n\n[Added Associations]\nx-scheme-handler/zoomus=Zoom.desktop;\napplication/pdf=org.gnome.Evince.desktop;\n';

  it('finds the handler lines in ~/.config/mimeapps.list and the older ~/.local/share/applications/mimeapps.list', async () => {
    write(join(home, '.config', 'mimeapps.list'), MIMEAPPS);
    write(join(home, '.local', 'share', 'applications', 'mimeapps.list'), '[Added Associations]\nx-scheme-handler/zoomphonecall=Zoom.desktop;\n');
    const hits = hitsOf(await run(urlHandlersProbe));
    expect(hits.map((h) => [h.kind, h.evidence.data?.schemes])).toEqual([
      ['leftover', 'zoommtg,zoomus'],
      ['leftover', 'zoomphonecall'],
    ]);
  });

  it('a mimeapps.list that is a link, or without Zoom, gives nothing', async () => {
    write(join(root, 'outside', 'mimeapps.list'), MIMEAPPS);
    mkdirSync(join(home, '.config'), { recursive: true });
    symlinkSync(join(root, 'outside', 'mimeapps.list'), join(home, '.config', 'mimeapps.list'));
    write(join(home, '.local', 'share', 'applications', 'mimeapps.list'), '[Default Applications]\ntext/html=firefox.desktop\n');
    expect(hitsOf(await run(urlHandlersProbe))).toEqual([]);
  });
});

/** The whole check with only these probes, and the plans of its findings. */
async function checkAndPlan(probes: readonly Probe[]): Promise<{ findings: Finding[]; plans: Awaited<ReturnType<typeof planFindings>> }> {
  const policy = { ...(await import('../../../../src/core/policy/policy')).builtinPolicy() };
  const findings = (await bannedAppCheck({ linux: probes, darwin: [], win32: [] }).run({ host, policy: { ...policy, bannedApps: [app] }, now: NOW })) as Finding[];
  return { findings, plans: await planFindings(host, app, findings) };
}

describe('removal of each form', () => {
  const deps = () => ({ host, mutable: new ConfinedMutableHost(new RealMutableHost(host, now), [root]), allowlist: allowlistFor(host, app), now, privileged: false });

  it('a handler goes from mimeapps.list and every other line stays byte for byte', async () => {
    const file = join(home, '.config', 'mimeapps.list');
    write(file, MIMEAPPS_CRLF);
    const { findings, plans } = await checkAndPlan([urlHandlersProbe]);
    expect(findings.map((f) => [f.status, f.title.key])).toEqual([['warning', 'bannedApp:form.url-handler']]);
    expect(plans[0]!.steps).toEqual([{ kind: 'unset-handler', title: { key: 'fix:step.unsetHandler', params: { path: file, schemes: 'zoommtg, zoomus', app: 'Zoom' } }, path: file, types: ['x-scheme-handler/zoommtg', 'x-scheme-handler/zoomus'], elevation: 'none' }]);
    const r = await runPlan(plans[0]!, deps());
    expect(r.outcome).toBe('done');
    expect(readFileSync(file, 'utf8')).toBe('# mine\r\n[Default Applications]\r\ntext/html=firefox.desktop\r\n\r\n[Added Associations]\r\napplication/pdf=org.gnome.Evince.desktop;\r\n[Removed Associations]\r\nx-scheme-handler/zoommtg=Zoom.desktop;\r\n');
    expect(hitsOf(await run(urlHandlersProbe))).toEqual([]);
  });

  it('refuses to rewrite a mimeapps.list that changed between its read and the write, or is not UTF-8 text', async () => {
    const file = join(home, '.config', 'mimeapps.list');
    write(file, MIMEAPPS_CRLF);
    const { plans } = await checkAndPlan([urlHandlersProbe]);
    // Another program writes the file right after our first read.
    let reads = 0;
    const racing: Host = Object.assign(Object.create(host) as Host, {
      readBytes: async (p: string, o: Parameters<Host['readBytes']>[1]) => {
        const b = await host.readBytes(p, o);
        if (p === file && ++reads === 1) writeFileSync(file, `${MIMEAPPS_CRLF}text/plain=gedit.desktop\r\n`);
        return b;
      },
    });
    const r = await runPlan(plans[0]!, { ...deps(), host: racing });
    expect(r).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.changed' } });
    expect(readFileSync(file, 'utf8')).toBe(`${MIMEAPPS_CRLF}text/plain=gedit.desktop\r\n`);
    writeFileSync(file, Buffer.concat([Buffer.from('[Default Applications]\nx-scheme-handler/zoommtg=Zoom.desktop\n# '), Buffer.from([0xc3, 0x28])]));
    const bad = await runPlan(plans[0]!, deps());
    expect(bad).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.notText' } });
  });

  it.skipIf(process.getuid?.() !== 0)("run as root with another person's HOME: their menu entry and their mimeapps.list are both refused in words, left untouched (needs root: chown)", async () => {
    installDeb();
    const apps = join(home, '.local', 'share', 'applications');
    const entry = join(apps, 'Zoom.desktop');
    const list = join(home, '.config', 'mimeapps.list');
    write(entry, zoomEntry());
    write(list, MIMEAPPS_CRLF);
    // The home and all in it belong to that person (uid 12345), as /home/lan does when root keeps HOME=/home/lan.
    execFileSync('chown', ['-R', '12345:12345', home]);
    const { plans } = await checkAndPlan([desktopEntriesProbe, urlHandlersProbe]);
    const deleting = plans.find((p) => p.steps.some((s) => s.kind === 'remove-checked'))!;
    const editing = plans.find((p) => p.steps.some((s) => s.kind === 'unset-handler'))!;
    // As root: RealMutableHost's own uid, 0 here.
    const asRoot = () => ({ ...deps(), mutable: new ConfinedMutableHost(new RealMutableHost(host, now, 0), [root]), privileged: true });
    expect(await runPlan(deleting, asRoot())).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.foreignOwnerNoName', params: { path: home } } });
    expect(await runPlan(editing, asRoot())).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.foreignOwnerNoNameEdit', params: { path: home } } });
    expect(readFileSync(entry, 'utf8')).toBe(zoomEntry());
    expect(readFileSync(list, 'utf8')).toBe(MIMEAPPS_CRLF);
    expect(readdirSync(join(home, '.config'))).toEqual(['mimeapps.list']); // no temporary file left beside it
    // The same plans as that person (not root) go through: the file steps are theirs to run.
    const asThem = () => ({ ...deps(), mutable: new ConfinedMutableHost(new RealMutableHost(host, now, 12345), [root]) });
    expect((await runPlan(deleting, asThem())).outcome).toBe('done');
    expect((await runPlan(editing, asThem())).outcome).toBe('done');
    expect(existsSync(entry)).toBe(false);
    expect(readFileSync(list, 'utf8')).toBe('# mine\r\n[Default Applications]\r\ntext/html=firefox.desktop\r\n\r\n[Added Associations]\r\napplication/pdf=org.gnome.Evince.desktop;\r\n[Removed Associations]\r\nx-scheme-handler/zoommtg=Zoom.desktop;\r\n');
  });

  it('an entry that starts Zoom is deleted; one replaced meanwhile by another program is refused; a web-app handler is left, with why', async () => {
    installDeb();
    const apps = join(home, '.local', 'share', 'applications');
    write(join(apps, 'Zoom.desktop'), zoomEntry());
    write(join(apps, 'zoom-webapp.desktop'), readFileSync(join(FORMS, 'zoom-webapp.desktop')));
    const { plans } = await checkAndPlan([desktopEntriesProbe]);
    const entry = plans.find((p) => p.evidence[0]!.path === join(apps, 'Zoom.desktop'))!;
    const web = plans.find((p) => p.evidence[0]!.path === join(apps, 'zoom-webapp.desktop'))!;
    expect(web).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.entryStartsOther' } });
    writeFileSync(join(apps, 'Zoom.desktop'), readFileSync(join(FORMS, 'kmag.desktop')));
    expect(await runPlan(entry, deps())).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.notTheApps' } });
    expect(existsSync(join(apps, 'Zoom.desktop'))).toBe(true);
    writeFileSync(join(apps, 'Zoom.desktop'), zoomEntry());
    expect((await runPlan(entry, deps())).outcome).toBe('done');
    expect(existsSync(join(apps, 'Zoom.desktop'))).toBe(false);
    expect(existsSync(join(apps, 'zoom-webapp.desktop'))).toBe(true);
  });

  it('the tarball folder is deleted after it is checked again; an entry swapped for a link is refused and its target kept', async () => {
    const dir = join(home, 'Tải về', 'zoom');
    unpackTarball(dir);
    const { plans } = await checkAndPlan([tarballProbe]);
    expect(plans.map((p) => [p.kind, p.steps.map((s) => s.kind)])).toEqual([['uninstall', ['remove-checked']]]);
    expect((await runPlan(plans[0]!, deps())).outcome).toBe('done');
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(home, 'Tải về'))).toBe(true);

    installDeb();
    const apps = join(home, '.local', 'share', 'applications');
    write(join(apps, 'Zoom.desktop'), zoomEntry());
    const again = await checkAndPlan([desktopEntriesProbe]);
    rmSync(join(apps, 'Zoom.desktop'));
    write(join(root, 'outside', 'keep.desktop'), zoomEntry());
    symlinkSync(join(root, 'outside', 'keep.desktop'), join(apps, 'Zoom.desktop'));
    expect(await runPlan(again.plans[0]!, deps())).toMatchObject({ outcome: 'refused', message: { key: 'fix:refused.symlink' } });
    expect(existsSync(join(root, 'outside', 'keep.desktop'))).toBe(true);
  });
});

const MIMEAPPS_CRLF = '# mine\r\n[Default Applications]\r\ntext/html=firefox.desktop\r\nx-scheme-handler/zoommtg=Zoom.desktop\r\n\r\n[Added Associations]\r\nx-scheme-handler/zoomus=Zoom.desktop;\r\napplication/pdf=org.gnome.Evince.desktop;\r\n[Removed Associations]\r\nx-scheme-handler/zoommtg=Zoom.desktop;\r\n';

describe("another user's entries and handlers", () => {
  it('are found in their home, named as theirs, and left to them (manual, with why)', async () => {
    installDeb();
    const other = join(root, 'home', 'lan');
    write(join(other, '.local', 'share', 'applications', 'Zoom.desktop'), zoomEntry());
    write(join(other, '.config', 'mimeapps.list'), '[Default Applications]\nx-scheme-handler/zoommtg=Zoom.desktop\n');
    const passwd = join(root, 'passwd');
    writeFileSync(passwd, `lan:x:1001:1001:Lan:${other}:/bin/bash\n`);
    host = new RealHost({ homedir: home, env: { HOME: home, ATTT_SELFCHECK_PASSWD_FILE: passwd } });
    const { otherUsersEntriesProbe } = await import('../../../../src/core/checks/banned-app/linux/desktop-entries');
    const { otherUsersUrlHandlersProbe } = await import('../../../../src/core/checks/banned-app/linux/url-handlers');
    const { findings, plans } = await checkAndPlan([otherUsersEntriesProbe, otherUsersUrlHandlersProbe]);
    // Their titles name them, as every other finding in another person's home does.
    expect(findings.filter((f) => f.status !== 'ok').map((f) => [f.title, f.evidence[0]!.data?.user])).toEqual([
      [{ key: 'bannedApp:form.desktop-entry.runsOfUser', params: { app: 'Zoom', user: 'lan' } }, 'lan'],
      [{ key: 'bannedApp:form.url-handlerOfUser', params: { app: 'Zoom', user: 'lan' } }, 'lan'],
    ]);
    expect(plans.map((p) => [p.kind, p.steps.length, p.why?.key])).toEqual([
      ['manual', 0, 'fix:why.otherUser'],
      ['manual', 0, 'fix:why.otherUser'],
    ]);
  });
});
