// Real files in a temporary root: a user database naming two homes, and another user's per-user Zoom.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/checks/banned-app/banned-app-check';
import { linuxLeftoversProbe } from '../../../src/core/checks/banned-app/linux/linux-probes';
import { otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe } from '../../../src/core/checks/banned-app/linux/other-users-probes';
import type { Probe } from '../../../src/core/checks/banned-app/probe';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { ctxOf, fixture, zoom } from './linux/harness';

let root: string;
let an: string;
let nguyen: string;
let host: SandboxHost;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'attt-homes-'));
  an = join(root, 'home', 'an');
  nguyen = join(root, 'home', 'nguyễn');
  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  put(join(root, 'etc', 'passwd'), [
    // root's home too lies in the temporary root (and does not exist): run as root, the test reads no real home.
    `root:x:0:0:root:${join(root, 'root')}:/bin/bash`,
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    `an:x:1000:1000:Lê An,,,:${an}:/bin/bash`,
    `nguyễn:x:1001:1001:Nguyễn Văn Bình,,,:${nguyen}:/bin/bash`,
    `cu:x:1002:1002::${join(root, 'home', 'cu')}:/bin/bash`,
    '',
  ].join('\n'));
  put(join(an, '.zoom', 'data', 'zoomus.db'), 'db');
  // nguyễn's flatpak user installation, laid out as flatpak deploys it: current -> ARCH/BRANCH, active -> COMMIT.
  const app = join(nguyen, '.local', 'share', 'flatpak', 'app', 'us.zoom.Zoom');
  const commit = join(app, 'x86_64', 'stable', '5f3a9c1e0b7d');
  put(join(commit, 'metadata'), '[Application]\nname=us.zoom.Zoom\nruntime=org.freedesktop.Platform/x86_64/23.08\ncommand=zoom\n');
  put(join(commit, 'files', 'share', 'metainfo', 'us.zoom.Zoom.metainfo.xml'), fixture('linux', 'us.zoom.Zoom.metainfo.xml'));
  symlinkSync('5f3a9c1e0b7d', join(app, 'x86_64', 'stable', 'active'));
  symlinkSync('x86_64/stable', join(app, 'current'));
  put(join(nguyen, '.config', 'user-dirs.dirs'), fixture('linux', 'user-dirs.dirs'));
  put(join(nguyen, 'Tải về', 'zoom_amd64.deb'), 'x'.repeat(321));
  put(join(nguyen, '.config', 'zoomus.conf'), '[General]\n');
  // Only the test's own files: the user database is the temporary one, never /etc/passwd.
  host = new SandboxHost({ homedir: an, env: { PATH: process.env.PATH, ATTT_SELFCHECK_PASSWD_FILE: join(root, 'etc', 'passwd') } });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function findings(probes: readonly Probe[]) {
  const ctx = ctxOf(host);
  return judge(zoom(), await Promise.all(probes.map(async (p) => [p, await p.run(ctx, zoom())] as const)));
}

describe('other users\' homes, for real', () => {
  it('finds nguyễn\'s flatpak (version through the current/active links), installer in «Tải về» and leftover; not the current user\'s own as another\'s', async () => {
    const all = await findings([otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe]);
    const seen = all.filter((f) => f.status !== 'ok').map((f) => [f.status, f.evidence[0]!.kind, f.evidence[0]!.version, f.evidence[0]!.path, f.evidence[0]!.data?.user, f.evidence[0]!.data?.home]);
    expect(seen.sort()).toEqual([
      ['violation', 'package', '6.2.0.1855', join(nguyen, '.local/share/flatpak/app/us.zoom.Zoom'), 'nguyễn', nguyen],
      ['warning', 'file', undefined, join(nguyen, '.config/zoomus.conf'), 'nguyễn', nguyen],
      ['warning', 'installer', undefined, join(nguyen, 'Tải về/zoom_amd64.deb'), 'nguyễn', nguyen],
    ]);
  });

  it('plans nothing in nguyễn\'s home (manual, fix:why.otherUser) while the current user\'s own leftover is removed', async () => {
    const all = (await findings([otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe, linuxLeftoversProbe])).filter((f) => f.status !== 'ok');
    const plans = await planFindings(host, zoom(), all);
    const theirs = plans.filter((p) => p.evidence.some((e) => e.data?.user === 'nguyễn'));
    expect(theirs).toHaveLength(3);
    for (const p of theirs) {
      expect(p).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.otherUser', params: { user: 'nguyễn' } } });
    }
    expect(theirs.find((p) => p.evidence[0]!.kind === 'package')!.manual[0]).toEqual({ key: 'fix:manual.linux.command', params: { command: 'flatpak uninstall --user us.zoom.Zoom' } });
    const mine = plans.filter((p) => !theirs.includes(p));
    expect(mine.map((p) => p.steps)).toEqual([[expect.objectContaining({ kind: 'remove', path: join(an, '.zoom'), elevation: 'none' })]]);
  });
});
