// A second banned app, MeetFast, that only a test policy names: its real .deb (built with dpkg-deb, installed with
// dpkg -i on a real-shaped Debian machine), MeetFast running, the person's mfjoin: handler. The person runs the
// built CLI with `--policy FILE`: the check finds MeetFast beside nothing of Zoom's, `fix meetfast --yes` closes it,
// purges its package and takes out the handler lines, the re-check finds no MeetFast; an unknown id is refused in
// words. No code names MeetFast: everything comes from its entry in the policy file.
// Faked, as in fix-debian: the password prompt (/usr/bin/pkexec is sudo with a NOPASSWD rule for the person).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_ZOOM, cliArgv, layoutTitle, onHost, RealLayout, realLayoutUnavailable, reportOf, USER, zoomFindings, type LayoutRun } from '../helpers/real-layout';
import { meetfastPolicyDocument } from '../helpers/meetfast-policy';

const HOME = USER.home;
const POLICY = '/etc/attt-selfcheck/test-meetfast.json';
const MIMEAPPS = `${HOME}/.config/mimeapps.list`;
const ENTRY = '[Desktop Entry]\nName=MeetFast\nExec=/usr/bin/meetfast %U\nType=Application\nMimeType=x-scheme-handler/meetfast;x-scheme-handler/mfjoin;\n';
const FILES = ['/opt/meetfast', '/opt/meetfast/meetfast', '/opt/meetfast/mf-launcher', '/usr/bin/meetfast', '/usr/share/applications/meetfast.desktop'];
const KEPT = [`${HOME}/Documents/Biên bản họp.odt`, `${HOME}/.config/meetfast-notes-of-mine.txt`];

/** Builds meetfast_3.4.1_amd64.deb: /opt/meetfast/meetfast (a copy of sleep, which stays running), its launcher, /usr/bin/meetfast, its menu entry. */
function buildMeetfastDeb(dir: string): string {
  const tree = join(dir, 'meetfast-deb');
  const at = (p: string): string => {
    mkdirSync(dirname(join(tree, p)), { recursive: true });
    return join(tree, p);
  };
  copyFileSync('/bin/sleep', at('opt/meetfast/meetfast'));
  chmodSync(at('opt/meetfast/meetfast'), 0o755);
  writeFileSync(at('opt/meetfast/mf-launcher'), '#!/bin/sh\nexec /opt/meetfast/meetfast infinity\n', { mode: 0o755 });
  symlinkSync('/opt/meetfast/mf-launcher', at('usr/bin/meetfast'));
  writeFileSync(at('usr/share/applications/meetfast.desktop'), ENTRY);
  mkdirSync(join(tree, 'DEBIAN'));
  writeFileSync(join(tree, 'DEBIAN', 'control'), 'Package: meetfast\nVersion: 3.4.1\nArchitecture: amd64\nMaintainer: MeetFast Labs Ltd. <support@meetfast.example>\nDescription: MeetFast, a made-up meeting app of the tests\n');
  const deb = join(dir, 'meetfast_3.4.1_amd64.deb');
  const r = spawnSync('dpkg-deb', ['--root-owner-group', '--build', tree, deb], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dpkg-deb failed: ${r.stderr}`);
  return deb;
}

const why = realLayoutUnavailable() ?? (onHost('/usr/bin/sudo') ? null : 'sudo is missing (the stand-in for pkexec; .ci/run installs it)');
const PERSON = { user: `${USER.uid}:${USER.gid}` };
const withPolicy = (args: readonly string[]): string[] => cliArgv([...args, '--policy', POLICY]);

describe.skipIf(why !== null)(layoutTitle('fix meetfast --yes --policy FILE: a second banned app, only in the policy, on a real-shaped Debian machine', why), { timeout: 300_000 }, () => {
  let m: RealLayout;
  let run: LayoutRun;
  beforeAll(async () => {
    m = new RealLayout({ hostPackages: true });
    await m.must(['dpkg', '-i', buildMeetfastDeb(m.workDir)]);
    m.symlink('/usr/bin/sudo', '/usr/bin/pkexec');
    m.write('/etc/sudoers.d/clerk', `${USER.name} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    m.write(POLICY, JSON.stringify(meetfastPolicyDocument(), null, 2), { mode: 0o644 });
    const person = { owner: USER };
    m.write(MIMEAPPS, '[Default Applications]\ntext/html=firefox-esr.desktop\nx-scheme-handler/mfjoin=meetfast.desktop\n', person);
    for (const k of KEPT) m.write(k, 'của tôi', person);
    run = await m.run(
      [
        { argv: withPolicy(CHECK_ZOOM), ...PERSON },
        { argv: withPolicy(['fix', 'meetfast', '--yes', '--lang', 'en']), ...PERSON },
        { argv: withPolicy(CHECK_ZOOM), ...PERSON },
        { argv: withPolicy(['fix', 'skype', '--lang', 'en']), ...PERSON },
        { argv: cliArgv(['fix', 'meetfast', '--lang', 'en']), ...PERSON },
      ],
      [{ argv: ['/usr/bin/meetfast'], ...PERSON, ready: 'meetfast' }],
    );
  });
  afterAll(() => m?.dispose());

  it('before: the check with the policy finds its package, its running program and its handler, each MeetFast\'s; nothing of Zoom', () => {
    const findings = zoomFindings(reportOf(run.commands[0]!)).filter((f) => f.status === 'violation' || f.status === 'warning');
    expect(new Set(findings.map((f) => f.app))).toEqual(new Set(['meetfast']));
    expect(findings.some((f) => f.evidence.some((e) => e.path === '/opt/meetfast'))).toBe(true);
    expect(findings.some((f) => f.evidence.some((e) => e.kind === 'process' && (e.data?.identity === 'place' || e.data?.identity === 'package')))).toBe(true);
    expect(findings.find((f) => f.evidence.some((e) => e.path === MIMEAPPS))!.evidence.find((e) => e.path === MIMEAPPS)!.data).toMatchObject({ schemes: 'mfjoin' });
  });

  it('fix meetfast closes it, purges its package, takes out its handler; says so in its name and exits 0', async () => {
    const fix = run.commands[1]!;
    expect(fix.code, `${fix.stdout}\n${fix.stderr}`).toBe(0);
    expect(fix.stdout).toContain('$ apt-get purge -y meetfast');
    expect(fix.stdout).toContain('Conclusion: MeetFast is fully removed from this computer');
    expect(fix.stdout).not.toContain('Still present');
    expect(run.background[0]!.running).toBe(false);
    expect(await m.dpkgStatus('meetfast')).toBe('');
    expect(await m.existing(FILES)).toEqual([]);
    expect(await m.read(MIMEAPPS)).toBe('[Default Applications]\ntext/html=firefox-esr.desktop\n');
    expect(await m.existing(KEPT)).toEqual(KEPT);
  });

  it('the re-check with the policy finds no MeetFast', () => {
    const findings = zoomFindings(reportOf(run.commands[2]!)).filter((f) => f.app === 'meetfast');
    expect(findings.filter((f) => f.status !== 'ok')).toEqual([]);
    expect(findings.some((f) => f.status === 'ok')).toBe(true);
  });

  it('an id the policy does not ban, or MeetFast without the policy: 64, naming the ids in force', () => {
    expect(run.commands[3]!.code).toBe(64);
    expect(run.commands[3]!.stderr).toContain('The ids you can use: zoom (Zoom), meetfast (MeetFast).');
    expect(run.commands[4]!.code).toBe(64);
    expect(run.commands[4]!.stderr).toContain('The ids you can use: zoom (Zoom).');
  });
});
