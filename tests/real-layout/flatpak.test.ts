// Zoom's flatpak (us.zoom.Zoom) deployed as flatpak leaves it, system-wide in /var/lib/flatpak and
// for the person in ~/.local/share/flatpak: app/us.zoom.Zoom/current -> x86_64/stable, active -> the
// deployed commit with its metadata, AppStream file and exported desktop entry. The ostree repository
// is not laid out. Two machines of each kind:
// - without a flatpak command (none in the CI list): the probe reads those deploy folders, as it does on
//   a machine whose flatpak is missing or too old;
// - with /usr/bin/flatpak a stand-in (tests/helpers/zoom-packages.ts FLATPAK_STUB): only what the probe and
//   the removal run (`flatpak list --app --columns=…`, `flatpak uninstall -y --user|--system ID`), answered
//   in flatpak's own output format from those folders and done on them as flatpak's undeploy does. Faked:
//   flatpak itself (it needs its ostree repository and system helper, which no layout has).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/core/remediation/audit-log';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings, type LayoutResult } from '../helpers/real-layout';
import { layZoomFlatpak, putFlatpakStub, ZOOM_VERSION } from '../helpers/zoom-packages';

const why = realLayoutUnavailable() ?? (onHost('/usr/bin/flatpak') ? 'this host has a flatpak command: it would answer from its own (empty) repository, not the deploy folders, and the stand-in would hide it' : null);

const SYSTEM_APP = '/var/lib/flatpak/app/us.zoom.Zoom';
const SYSTEM_EXPORT = '/var/lib/flatpak/exports/share/applications/us.zoom.Zoom.desktop';
const USER_DIR = `${USER.home}/.local/share/flatpak`;
const USER_APP = `${USER_DIR}/app/us.zoom.Zoom`;
const USER_EXPORT = `${USER_DIR}/exports/share/applications/us.zoom.Zoom.desktop`;
/** Zoom's data folder: flatpak keeps an app's data in ~/.var/app/ID, and uninstall without --delete-data leaves it. */
const ZOOM_DATA = `${USER.home}/.var/app/us.zoom.Zoom`;
/** The person's own files, another app's flatpak and that app's data beside Zoom's: must stay. */
const KEPT = [`${USER.home}/Documents/Tờ trình.odt`, '/var/lib/flatpak/app/org.libreoffice.LibreOffice/current', `${USER.home}/.var/app/org.libreoffice.LibreOffice/config/libreoffice/4/user/registrymodifications.xcu`];
const PERSON = { user: `${USER.uid}:${USER.gid}` };
/** The person's folders that a root run with their HOME would write into. */
const HOME_CONFIG = [USER.home, `${USER.home}/.var`, USER_DIR];
/** IT staff as root (sudo gives root's own HOME). */
const AS_ROOT = { env: { HOME: '/root', USER: 'root', LOGNAME: 'root' } };

/** A machine with Zoom's flatpak in `installation` (the person's when `owner`), LibreOffice's system-wide and the person's files. */
function flatpakMachine(installation: string, owner?: typeof USER, stub = false): RealLayout {
  const m = new RealLayout({ hostPackages: true });
  layZoomFlatpak(m, installation, owner);
  m.write('/var/lib/flatpak/app/org.libreoffice.LibreOffice/x86_64/stable/a1b2/metadata', '[Application]\nname=org.libreoffice.LibreOffice\n');
  m.symlink('a1b2', '/var/lib/flatpak/app/org.libreoffice.LibreOffice/x86_64/stable/active');
  m.symlink('x86_64/stable', '/var/lib/flatpak/app/org.libreoffice.LibreOffice/current');
  m.write(KEPT[0]!, 'tờ trình', { owner: USER });
  m.write(KEPT[2]!, '<?xml version="1.0"?>\n', { owner: USER });
  // Zoom's data as the flatpak writes it (the person's), with a link in it to their documents: removing the
  // data folder deletes the link, never what it leads to.
  m.write(`${ZOOM_DATA}/config/zoomus.conf`, '[General]\n', { owner: USER });
  m.write(`${ZOOM_DATA}/.zoom/logs/zoom_stdout_stderr.log`, 'ZoomLauncher started\n', { owner: USER });
  m.write(`${ZOOM_DATA}/data/zoomus.db`, 'SQLite format 3\0', { owner: USER });
  m.symlink(`${USER.home}/Documents`, `${ZOOM_DATA}/data/Documents`);
  if (stub) putFlatpakStub(m);
  return m;
}

/** The audit log's step lines that ran a program. */
async function runSteps(m: RealLayout, log: string): Promise<AuditEntry[]> {
  const lines = (await m.read(log)).split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as AuditEntry).filter((e) => e.type === 'step' && e.step?.kind === 'run');
}

const text = (r: LayoutResult): string => `${r.stdout}\n${r.stderr}`;

describe.skipIf(why !== null)(layoutTitle("Zoom's flatpak us.zoom.Zoom, system and per-user, no flatpak command (real layout)", why), { timeout: 180_000 }, () => {
  let system: RealLayout;
  let user: RealLayout;
  beforeAll(() => {
    system = flatpakMachine('/var/lib/flatpak');
    user = flatpakMachine(USER_DIR, USER);
  });
  afterAll(() => {
    system?.dispose();
    user?.dispose();
  });

  for (const [scope, layout, path] of [
    ['system', () => system, SYSTEM_APP],
    ['user', () => user, USER_APP],
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

describe.skipIf(why !== null)(layoutTitle("Zoom's flatpak removed with flatpak uninstall (real layout, flatpak a stand-in)", why), { timeout: 240_000 }, () => {
  let system: RealLayout;
  let user: RealLayout;
  beforeAll(() => {
    system = flatpakMachine('/var/lib/flatpak', undefined, true);
    user = flatpakMachine(USER_DIR, USER, true);
  });
  afterAll(() => {
    system?.dispose();
    user?.dispose();
  });

  it('the stand-in answers flatpak list as flatpak does through a pipe: one tab-separated row per app of both installations, sorted by ref, no title', async () => {
    expect(await system.must(['flatpak', 'list', '--app', '--columns=application,version,installation'])).toBe(`org.libreoffice.LibreOffice\t\tsystem\nus.zoom.Zoom\t${ZOOM_VERSION}\tsystem\n`);
    expect(await user.must(['flatpak', 'list', '--app', '--columns=application,version,installation'], PERSON)).toBe(`org.libreoffice.LibreOffice\t\tsystem\nus.zoom.Zoom\t${ZOOM_VERSION}\tuser\n`);
  });

  it("system installation: found by flatpak list; fix zoom --yes as root runs flatpak uninstall --system, the app and its exported entry are gone, the re-check finds no installed Zoom, only the person's data, left to them", async () => {
    const run = await system.run([{ argv: cliArgv(CHECK_ZOOM), ...AS_ROOT }, { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...AS_ROOT }, { argv: cliArgv(CHECK_ZOOM), ...AS_ROOT }]);
    const [before, fix, after] = run.commands;
    const bad = zoomFindings(reportOf(before!)).filter((f) => f.status === 'violation');
    expect(bad.map((f) => f.evidence.find((e) => e.kind === 'package')?.data)).toEqual([expect.objectContaining({ manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'system', installation: 'system', version: ZOOM_VERSION })]);
    // Exit 1: the app is removed and proven, the person's data is theirs to delete (below).
    expect(fix!.code, text(fix!)).toBe(1);
    expect(fix!.stdout).toContain('$ flatpak uninstall -y --system us.zoom.Zoom');
    expect(fix!.stdout).toContain(`Removed, proven by the fresh check: us.zoom.Zoom ${ZOOM_VERSION} is installed`);
    expect(fix!.stdout).toContain(`Not removed: Zoom left data behind (account ${USER.name})`);
    // What the person does by hand: delete that folder (no software manager knows it any more).
    expect(fix!.stdout).toContain(`Delete ${ZOOM_DATA} (data Zoom left behind).`);
    expect(fix!.stdout).not.toContain("software manager");
    expect(fix!.stdout).not.toContain('Still present');
    expect(await system.existing([SYSTEM_APP, SYSTEM_EXPORT])).toEqual([]);
    expect(await system.existing(KEPT)).toEqual(KEPT);
    // The person's Zoom data stays theirs: root plans it for them (manual) and leaves it, and the re-check says so.
    expect(fix!.stdout).toContain(`belongs to another user (${USER.name})`);
    expect(await system.existing([`${ZOOM_DATA}/config/zoomus.conf`])).toEqual([`${ZOOM_DATA}/config/zoomus.conf`]);
    const findings = zoomFindings(reportOf(after!));
    expect(findings.filter((f) => f.status === 'violation'), after!.stderr).toEqual([]);
    expect(findings.filter((f) => f.status === 'warning').map((f) => f.evidence.map((e) => [e.kind, e.path, e.data?.user]))).toEqual([[['folder', ZOOM_DATA, USER.name]]]);
    const steps = await runSteps(system, '/root/.config/attt-selfcheck/audit.log');
    expect(steps).toEqual([expect.objectContaining({ argv: ['/usr/bin/flatpak', 'uninstall', '-y', '--system', 'us.zoom.Zoom'], exitCode: 0, outcome: 'ok' })]);
  });

  it("user installation, root with its own HOME: the person's flatpak is another user's; the plan is manual and nothing is touched", async () => {
    const fix = await user.exec(cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), AS_ROOT);
    expect(fix.stdout).toContain(`belongs to another user (${USER.name})`);
    expect(fix.stdout).not.toContain('$ flatpak uninstall');
    expect(await user.existing([USER_APP, USER_EXPORT, ...KEPT])).toEqual([USER_APP, USER_EXPORT, ...KEPT]);
  });

  it("user installation, root with the person's HOME (sudo -E): still root's, not theirs; their install and data are left to them, nothing of root's in their home", async () => {
    const sudoE = { HOME: USER.home, USER: 'root', LOGNAME: 'root', XDG_CONFIG_HOME: `${USER.home}/.config` };
    const run = await user.run([{ argv: cliArgv(CHECK_ZOOM), env: sudoE }, { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), env: sudoE }, { argv: ['stat', '-c', '%U', ...HOME_CONFIG] }]);
    const [check, fix, owners] = run.commands;
    const found = zoomFindings(reportOf(check!)).filter((f) => f.status !== 'ok');
    expect(found.map((f) => f.evidence.map((e) => e.data?.user))).toEqual([[USER.name], [USER.name]]);
    expect(fix!.stdout).toContain(`us.zoom.Zoom ${ZOOM_VERSION} is installed (account ${USER.name})`);
    expect(fix!.stdout).toContain(`Zoom left data behind (account ${USER.name})`);
    expect(fix!.stdout).toContain(`belongs to another user (${USER.name})`);
    expect(fix!.stdout).not.toContain('$ flatpak uninstall');
    expect(await user.existing([USER_APP, USER_EXPORT, `${ZOOM_DATA}/config/zoomus.conf`, ...KEPT])).toEqual([USER_APP, USER_EXPORT, `${ZOOM_DATA}/config/zoomus.conf`, ...KEPT]);
    // Nothing of root's went into the person's home (no audit log in their XDG_CONFIG_HOME), their folders are still theirs.
    expect(await user.existing([`${USER.home}/.config/attt-selfcheck`])).toEqual([]);
    expect(owners!.stdout).toBe(`${USER.name}\n`.repeat(HOME_CONFIG.length));
  });

  it('user installation: fix zoom --yes by the person runs flatpak uninstall --user as themselves (no administrator), the app is gone, the re-check finds no Zoom', async () => {
    const run = await user.run([{ argv: cliArgv(CHECK_ZOOM), ...PERSON }, { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...PERSON }, { argv: cliArgv(CHECK_ZOOM), ...PERSON }, { argv: ['stat', '-c', '%U', USER_DIR, `${USER_DIR}/app`] }]);
    const [before, fix, after, owners] = run.commands;
    const bad = zoomFindings(reportOf(before!)).filter((f) => f.status === 'violation');
    expect(bad.map((f) => f.evidence.find((e) => e.kind === 'package')?.data)).toEqual([expect.objectContaining({ manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'user', installation: 'user' })]);
    expect(fix!.code, text(fix!)).toBe(0);
    expect(fix!.stdout).toContain('$ flatpak uninstall -y --user us.zoom.Zoom');
    expect(fix!.stdout).not.toContain('administrator');
    expect(fix!.stdout).toContain(`Delete leftover data: ${ZOOM_DATA}`);
    expect(await user.existing([USER_APP, USER_EXPORT, ZOOM_DATA])).toEqual([]);
    // Zoom's data went with it (a leftover of the policy, its own step); their other files and the other app's data
    // stay, and the installation folder is still theirs.
    expect(await user.existing(KEPT)).toEqual(KEPT);
    expect(owners!.stdout).toBe(`${USER.name}\n${USER.name}\n`);
    const findings = zoomFindings(reportOf(after!));
    expect(findings.filter((f) => f.status !== 'ok'), after!.stderr).toEqual([]);
    // Run as the person, by name (not by pkexec, not by root's full path): the log in their own data folder says so.
    const steps = await runSteps(user, `${USER.home}/.config/attt-selfcheck/audit.log`);
    expect(steps).toEqual([expect.objectContaining({ argv: ['flatpak', 'uninstall', '-y', '--user', 'us.zoom.Zoom'], exitCode: 0, outcome: 'ok' })]);
  });
});

describe.skipIf(why !== null)(layoutTitle("Zoom's flatpak data after the person's own flatpak uninstall (real layout, flatpak a stand-in)", why), { timeout: 240_000 }, () => {
  let m: RealLayout;
  beforeAll(() => {
    m = flatpakMachine(USER_DIR, USER, true);
  });
  afterAll(() => m?.dispose());

  it('the re-check reports ~/.var/app/us.zoom.Zoom as a leftover (warning); fix removes that folder (not the link target in it) and keeps the other apps\' data; the next check finds no Zoom', async () => {
    const run = await m.run([
      // What the person types: flatpak uninstall without --delete-data, which leaves the app's data.
      { argv: ['flatpak', 'uninstall', '-y', '--user', 'us.zoom.Zoom'], ...PERSON },
      { argv: cliArgv(CHECK_ZOOM), ...PERSON },
      { argv: cliArgv(['fix', 'zoom', '--yes', '--lang', 'en']), ...PERSON },
      { argv: cliArgv(CHECK_ZOOM), ...PERSON },
    ]);
    const [uninstall, before, fix, after] = run.commands;
    expect(uninstall!.code, text(uninstall!)).toBe(0);
    expect(before!.code, before!.stderr).toBe(1);
    const left = zoomFindings(reportOf(before!)).filter((f) => f.status !== 'ok');
    expect(left.map((f) => [f.status, f.evidence.map((e) => [e.kind, e.path, e.data?.user])])).toEqual([['warning', [['folder', ZOOM_DATA, undefined]]]]);
    expect(fix!.code, text(fix!)).toBe(0);
    expect(fix!.stdout).toContain(`Delete leftover data: ${ZOOM_DATA}`);
    expect(fix!.stdout).not.toContain('$ flatpak');
    expect(await m.existing([ZOOM_DATA])).toEqual([]);
    // The link in Zoom's data led to the person's documents: deleted as a link, the documents kept.
    expect(await m.existing(KEPT)).toEqual(KEPT);
    const findings = zoomFindings(reportOf(after!));
    expect(findings.filter((f) => f.status !== 'ok'), after!.stderr).toEqual([]);
    expect(after!.code).toBe(0);
  });
});
