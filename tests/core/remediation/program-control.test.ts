// Who controls a program, on real files: modes and owners set with chmod/chown in a root-owned
// temporary folder (chown needs root: the suite skips, saying so, when not run as root).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lchownSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealHost } from '../../../src/core/host/real-host';
import { posixControl, programControl } from '../../../src/core/remediation/program-control';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { rootOwned } from '../../helpers/system-files';

const asRoot = process.platform !== 'win32' && process.getuid?.() === 0;
const setfattr = spawnSync('setfattr', ['--version'], { stdio: 'ignore' }).status === 0;

/** A folder root owns that no one else may write (so a tree below it starts out administrators-only). */
function rootOnlyBase(): string | null {
  for (const dir of ['/run', '/var/lib', '/root']) {
    try {
      const st = statSync(dir);
      if (st.uid === 0 && (st.mode & 0o022) === 0) return mkdtempSync(join(dir, 'attt-rights-'));
    } catch {
      // try the next
    }
  }
  return null;
}

describe.skipIf(!asRoot)(`program rights on real files${asRoot ? '' : ' — SKIPPED: chown needs root'}`, () => {
  let base: string;
  const host = new RealHost();

  beforeAll(() => {
    base = rootOnlyBase()!;
    chmodSync(base, 0o755);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function program(rel: string, mode = 0o755): string {
    const path = join(base, rel);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o755 });
    writeFileSync(path, '#!/bin/sh\nexit 0\n', { mode });
    chmodSync(path, mode);
    return path;
  }

  it('a root-owned program in root-owned folders is changeable by administrators only', async () => {
    expect(await programControl(host, program('ok/bin/tool'))).toEqual({ kind: 'administrators' });
  });

  it('a program owned by a person, or writable by others, or by a group that is not root\'s, is user-writable', async () => {
    const owned = program('p1/bin/tool');
    chownSync(owned, 1000, 1000);
    expect(await programControl(host, owned)).toEqual({ kind: 'user-writable', path: owned, who: 'uid 1000' });
    const open = program('p2/bin/tool', 0o757);
    expect(await programControl(host, open)).toEqual({ kind: 'user-writable', path: open, who: 'others' });
    const grp = program('p3/bin/tool', 0o775);
    chownSync(grp, 0, 100);
    expect(await programControl(host, grp)).toEqual({ kind: 'user-writable', path: grp, who: 'gid 100' });
    // Group root's write bit too: on Linux a POSIX ACL grant to a person shows only there (the ACL mask).
    const rootGroup = program('p4/bin/tool', 0o775);
    expect(await programControl(host, rootGroup)).toEqual({ kind: 'user-writable', path: rootGroup, who: 'gid 0' });
  });

  it.skipIf(!setfattr)(`a POSIX ACL grant to a person on a root-owned 755 file makes it user-writable (seen in the group bits)${setfattr ? '' : ' — SKIPPED: setfattr (attr) is not installed'}`, async () => {
    const acl = program('p4b/bin/tool', 0o755);
    // system.posix_acl_access, version 2: user::rwx, user:1000:rwx, group::r-x, mask::rwx, other::r-x (what `setfacl -m u:1000:rwx` writes).
    const entries: [number, number, number][] = [[0x01, 7, 0xffffffff], [0x02, 7, 1000], [0x04, 5, 0xffffffff], [0x10, 7, 0xffffffff], [0x20, 5, 0xffffffff]];
    const value = Buffer.concat([Buffer.from([2, 0, 0, 0]), ...entries.map(([tag, perm, id]) => { const b = Buffer.alloc(8); b.writeUInt16LE(tag, 0); b.writeUInt16LE(perm, 2); b.writeUInt32LE(id, 4); return b; })]);
    const r = spawnSync('setfattr', ['-n', 'system.posix_acl_access', '-v', `0x${value.toString('hex')}`, acl], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(acl).mode & 0o777).toBe(0o775);
    expect(await programControl(host, acl)).toEqual({ kind: 'user-writable', path: acl, who: 'gid 0' });
  });

  it('a folder above the program that a person can write makes it user-writable (they could swap the file)', async () => {
    const exe = program('p5/opt/zoom/uninstall');
    const dir = join(base, 'p5', 'opt');
    chownSync(dir, 1000, 1000);
    expect(await programControl(host, exe)).toEqual({ kind: 'user-writable', path: dir, who: 'uid 1000' });
    const sticky = program('p6/tmp/tool');
    chmodSync(join(base, 'p6', 'tmp'), 0o1777);
    expect(await programControl(host, sticky)).toEqual({ kind: 'user-writable', path: join(base, 'p6', 'tmp'), who: 'others' });
    // A program under the system's temporary folder is never administrators-only.
    const inTmp = mkdtempSync(join(tmpdir(), 'attt-rights-'));
    try {
      writeFileSync(join(inTmp, 'tool'), 'x');
      expect((await programControl(host, join(inTmp, 'tool'))).kind).toBe('user-writable');
    } finally {
      rmSync(inTmp, { recursive: true, force: true });
    }
  });

  it('links are followed: a root-owned link to a person\'s file is user-writable; a link to a root-owned file is fine', async () => {
    const target = program('p7/home/an/tool');
    chownSync(join(base, 'p7', 'home', 'an'), 1000, 1000);
    mkdirSync(join(base, 'p7', 'bin'));
    symlinkSync(target, join(base, 'p7', 'bin', 'tool'));
    lchownSync(join(base, 'p7', 'bin', 'tool'), 0, 0);
    expect(await programControl(host, join(base, 'p7', 'bin', 'tool'))).toEqual({ kind: 'user-writable', path: join(base, 'p7', 'home', 'an'), who: 'uid 1000' });
    program('p8/usr/bin/dnf-3');
    symlinkSync('dnf-3', join(base, 'p8', 'usr', 'bin', 'dnf'));
    expect(await programControl(host, join(base, 'p8', 'usr', 'bin', 'dnf'))).toEqual({ kind: 'administrators' });
  });

  it('a link loop or a missing program is not known, with the place', async () => {
    mkdirSync(join(base, 'p9'));
    symlinkSync('b', join(base, 'p9', 'a'));
    symlinkSync('a', join(base, 'p9', 'b'));
    expect(await programControl(host, join(base, 'p9', 'a'))).toMatchObject({ kind: 'unknown', reason: { key: 'fix:refused.symlink' } });
    expect(await programControl(host, join(base, 'p9', 'gone'))).toMatchObject({ kind: 'unknown', path: join(base, 'p9', 'gone') });
  });

  it('the real system programs the removal runs as administrator are administrators-only here', async () => {
    for (const p of ['/usr/bin/env', '/bin/sh']) expect(await programControl(host, p), p).toEqual({ kind: 'administrators' });
  });
});

describe('program rights from recorded stat', () => {
  it('macOS: /Applications is root:admin 775 and admin members are administrators; another group is not', async () => {
    const files = { ...rootOwned({ '/Applications/zoom.us.app/Contents/MacOS/zoom.us': 'Mach-O' }), '/Applications': { type: 'dir' as const, uid: 0, gid: 80, mode: 0o775 } };
    expect(await posixControl(new FixtureHost({ platform: 'darwin', homedir: '/Users/an', files }), '/Applications/zoom.us.app/Contents/MacOS/zoom.us')).toEqual({ kind: 'administrators' });
    expect(await posixControl(new FixtureHost({ platform: 'linux', homedir: '/home/an', files }), '/Applications/zoom.us.app/Contents/MacOS/zoom.us')).toEqual({ kind: 'user-writable', path: '/Applications', who: 'gid 80' });
  });

  it('a relative path or one with .. is not known', async () => {
    const h = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: rootOwned({ '/usr/bin/x': 'ELF' }) });
    expect((await posixControl(h, 'usr/bin/x')).kind).toBe('unknown');
    expect((await posixControl(h, '/usr/bin/../bin/x')).kind).toBe('unknown');
  });
});
