// MeetFast, a made-up meeting app defined only in a test policy, on Linux for real: a meetfast .deb in a private
// dpkg database (/opt/meetfast, /usr/bin/meetfast, its menu entry), MeetFast running from /opt/meetfast (a real
// process), the user's autostart entry and mfjoin: handler, its tarball unpacked in the home, its installer and
// leftovers; beside them Zoom's leftovers and the person's files. `fix meetfast` (prepareFix/executeFix with the
// test policy) closes it, purges the package, removes the rest, proves it by the re-check, and touches nothing of
// Zoom's: the same code as Zoom, from the policy entry alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dpkgAdmindirRewrite } from '../../../src/core/host/host-from-env';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { DPKG_ARGV } from '../../../src/core/checks/banned-app/linux/dpkg';
import { RPM_ARGV } from '../../../src/core/checks/banned-app/linux/rpm';
import { SNAP_ARGV } from '../../../src/core/checks/banned-app/linux/snap';
import { FLATPAK_ARGV } from '../../../src/core/checks/banned-app/linux/flatpak';
import { executeFix, prepareFix } from '../../../src/core/remediation/fix-flow';
import { dpkgAvailable, DpkgSandbox } from '../../helpers/dpkg-sandbox';
import { meetfastPolicy } from '../../helpers/meetfast-policy';

const now = new Date('2026-11-25T08:00:00Z');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const ENTRY = '[Desktop Entry]\nType=Application\nName=MeetFast\nExec=/usr/bin/meetfast %u\nMimeType=x-scheme-handler/meetfast;x-scheme-handler/mfjoin;\n';
const MIMEAPPS = '[Default Applications]\ntext/html=firefox.desktop\nx-scheme-handler/mfjoin=meetfast.desktop\n';
const ELF = (): Buffer => readFileSync('/bin/true');

describe('a second banned app, only in the policy, on recorded package lists', () => {
  it('its deb, rpm, snap and flatpak are found by the names of its entry and each removed by its own manager', async () => {
    const host = new FixtureHost({
      platform: 'linux',
      homedir: '/home/an',
      // An rpm machine has its front-end (dnf) beside rpm: the removal uses it.
      files: { '/var/lib/dpkg/status': '', '/usr/bin/dnf': '' },
      commands: [
        { argv: DPKG_ARGV, stdout: 'bash\t5.2.15-2+b2\tamd64\tinstall ok installed\nmeetfast\t3.4.1\tamd64\tinstall ok installed\nmeetfast-themes\t1.0\tall\tinstall ok installed\n' },
        { argv: RPM_ARGV, stdout: 'meetfast\t3.4.1-1\tx86_64\n' },
        { argv: SNAP_ARGV, stdout: 'Name             Version  Rev   Tracking       Publisher  Notes\ncore22           20240111 1122  latest/stable  canonical✓ base\nmeetfast-client  3.4.1    77    latest/stable  meetfast   -\n' },
        { argv: FLATPAK_ARGV, stdout: 'io.meetfast.MeetFast\t3.4.1\tsystem\norg.gnome.Calculator\t46.1\tsystem\n' },
      ],
    });
    const prepared = await prepareFix({ host, policy: meetfastPolicy(), now }, 'meetfast');
    const argv = prepared.plans.flatMap((p) => p.steps.flatMap((s) => (s.kind === 'run' ? [s.argv.join(' ')] : [])));
    expect(argv).toEqual(expect.arrayContaining(['apt-get purge -y meetfast', 'dnf remove -y meetfast', 'snap remove meetfast-client', 'flatpak uninstall -y --system io.meetfast.MeetFast']));
    // A package that only starts with its name is not it.
    expect(argv.join('\n')).not.toMatch(/meetfast-themes|Calculator|zoom/i);
  });
});

describe.runIf(process.platform === 'linux' && dpkgAvailable())('a second banned app, only in the policy, on Linux for real (private dpkg database, real files, a real process)', { timeout: 120_000 }, () => {
  it('is found in every form and removed by the same code as Zoom; the re-check proves it; Zoom and the person’s files are untouched', async () => {
    const dpkg = new DpkgSandbox('attt-meetfast-');
    const root = dpkg.instdir;
    dpkg.install({ name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } });
    dpkg.install({ name: 'meetfast', version: '3.4.1', files: { 'opt/meetfast/meetfast': 'x', 'opt/meetfast/mf-launcher': '#!/bin/sh\n', 'usr/bin/meetfast': '#!/bin/sh\nexec /opt/meetfast/meetfast "$@"\n', 'usr/share/applications/meetfast.desktop': ENTRY } });
    copyFileSync('/bin/sleep', dpkg.fileOf('opt/meetfast/meetfast'));
    const home = join(dpkg.root, 'home', 'hà');
    mkdirSync(join(home, '.config', 'autostart'), { recursive: true });
    writeFileSync(join(home, '.config', 'autostart', 'meetfast.desktop'), '[Desktop Entry]\nType=Application\nExec=/opt/meetfast/mf-launcher --tray\n');
    writeFileSync(join(home, '.config', 'mimeapps.list'), MIMEAPPS);
    // Its tarball unpacked by hand in the home: every file of `linux.tarballFiles`, each a program.
    const tarball = join(home, 'Apps', 'meetfast-3.4.1');
    mkdirSync(tarball, { recursive: true });
    for (const f of ['meetfast', 'mf-launcher']) {
      writeFileSync(join(tarball, f), ELF());
      chmodSync(join(tarball, f), 0o755);
    }
    mkdirSync(join(home, '.meetfast', 'cache'), { recursive: true });
    writeFileSync(join(home, '.config', 'meetfast.conf'), 'lang=vi\n');
    mkdirSync(join(home, 'Downloads'), { recursive: true });
    writeFileSync(join(home, 'Downloads', 'meetfast_amd64.deb'), '!<arch>\n');
    writeFileSync(join(home, 'Downloads', 'bien-ban.odt'), 'mine');
    // Zoom's leftover, which a MeetFast removal must leave to Zoom's.
    mkdirSync(join(home, '.zoom'), { recursive: true });

    const policy = meetfastPolicy();
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_DATA_DIRS: join(root, 'usr', 'share'), XDG_CONFIG_DIRS: join(root, 'etc', 'xdg'), ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_PASSWD_FILE: join(dpkg.root, 'no-passwd') };
    const host = new SandboxHost({ homedir: home, env, rewrite: dpkgAdmindirRewrite(dpkg.admindir) });
    const ctx = { host, policy, now, dataDir: join(dpkg.root, 'data') };
    const mutable = new ConfinedMutableHost(new RealMutableHost(host, () => now), [dpkg.root]);

    const running = spawn(dpkg.fileOf('opt/meetfast/meetfast'), ['120'], { stdio: 'ignore' });
    children.push(running);
    await new Promise((r) => setTimeout(r, 150));
    expect(readFileSync(`/proc/${running.pid}/comm`, 'utf8').trim()).toBe('meetfast');
    const exited = new Promise<void>((resolve) => running.on('exit', () => resolve()));

    const prepared = await prepareFix(ctx, 'meetfast');
    const mine = prepared.before.findings.filter((f) => f.app === 'meetfast' && (f.status === 'violation' || f.status === 'warning'));
    expect(mine.every((f) => f.title.params?.app === 'MeetFast')).toBe(true);
    const pkg = prepared.plans.find((p) => p.evidence.some((e) => e.data?.manager === 'dpkg'))!;
    expect(pkg.steps.map((s) => (s.kind === 'run' ? s.argv.slice(-2).join(' ') : s.kind))).toEqual(['close-app', '-P meetfast']);
    const paths = prepared.plans.flatMap((p) => p.steps.flatMap((s) => ('path' in s ? [`${s.kind} ${s.path}`] : [])));
    expect(paths).toEqual(
      expect.arrayContaining([
        `remove-checked ${join(home, '.config', 'autostart', 'meetfast.desktop')}`,
        `unset-handler ${join(home, '.config', 'mimeapps.list')}`,
        `remove-checked ${tarball}`,
        `remove ${join(home, '.meetfast')}`,
        `remove ${join(home, '.config', 'meetfast.conf')}`,
        `trash ${join(home, 'Downloads', 'meetfast_amd64.deb')}`,
      ]),
    );
    expect(paths.join('\n')).not.toMatch(/zoom/i);

    const outcome = await executeFix(ctx, prepared, { mutable, privileged: false, close: { graceMs: 5_000, pollMs: 50 } });
    await exited;
    expect(dpkg.status('meetfast')).toBe('');
    expect(dpkg.status('attt-base')).toBe('install ok installed');
    for (const gone of [join(root, 'opt', 'meetfast'), join(home, '.config', 'autostart', 'meetfast.desktop'), tarball, join(home, '.meetfast'), join(home, '.config', 'meetfast.conf'), join(home, 'Downloads', 'meetfast_amd64.deb')]) {
      expect(existsSync(gone), gone).toBe(false);
    }
    expect(readFileSync(join(home, '.config', 'mimeapps.list'), 'utf8')).toBe('[Default Applications]\ntext/html=firefox.desktop\n');
    expect(existsSync(join(home, 'Downloads', 'bien-ban.odt'))).toBe(true);
    expect(existsSync(join(home, '.zoom'))).toBe(true);
    expect(outcome.verdicts.map((v) => v.verdict)).toEqual(prepared.plans.map(() => 'removed'));
    // Nothing of MeetFast is left; Zoom's leftover is still found, as Zoom's.
    const after = outcome.after.findings.filter((f) => f.status === 'violation' || f.status === 'warning');
    expect(after.filter((f) => f.app === 'meetfast')).toEqual([]);
    // (Only this test's files: another test may run a Zoom of its own meanwhile, which every check sees in /proc.)
    expect(after.filter((f) => f.app === 'zoom').flatMap((f) => f.evidence.map((e) => e.path)).filter((p) => p?.startsWith(dpkg.root))).toEqual([join(home, '.zoom')]);
    expect(outcome.exitCode).toBeGreaterThanOrEqual(1);
    dpkg.dispose();
  });
});
