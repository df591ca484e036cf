// Root never deletes inside a tree that another user owns or can write: real trees, chown-ed to a uid
// that is not ours (12345), through the real runner and RealMutableHost. Needs root (chown).
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError, type Host, type RunOptions, type RunResult } from '../../../src/core/host/host';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { ConfinedMutableHost, RealMutableHost, isUnsafeTree, type MutableHost } from '../../../src/core/host/mutable-host';
import { RealHost } from '../../../src/core/host/real-host';
import { treeRights } from '../../../src/core/host/tree-rights';
import { createTranslator } from '../../../src/core/i18n/translator';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowlistFor, type Allowlist } from '../../../src/core/remediation/allowlist';
import type { PlanStep, RemediationPlan } from '../../../src/core/remediation/plan';
import { runPlan, type RunnerDeps } from '../../../src/core/remediation/runner';

const zoom = builtinPolicy().bannedApps[0]!;
const now = () => new Date('2026-11-25T08:00:00Z');
const root = process.getuid?.() === 0;
const OTHER = 12345;
const skipWhy = root ? '' : ' — SKIPPED: chown to another user needs root';

let tmp: string;
let home: string;
let opt: string;
let tree: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'attt-root-rm-'));
  home = join(tmp, 'home');
  opt = join(tmp, 'opt');
  tree = join(opt, 'zoom');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(tree, 'lib', 'plugins'), { recursive: true });
  writeFileSync(join(tree, 'ZoomLauncher'), 'launcher');
  writeFileSync(join(tree, 'lib', 'libzoom.so'), 'lib');
  writeFileSync(join(tree, 'lib', 'plugins', 'p.so'), 'plugin');
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A RealHost whose commands are recorded (and, unless `fake`, really run). */
function recording(fake?: RunResult['exitCode'], env: Record<string, string> = {}): { host: Host; calls: string[][] } {
  const real = new RealHost({ homedir: home, env: { HOME: home, PATH: '/usr/bin:/bin', ...env } });
  const calls: string[][] = [];
  const host = Object.create(real, {
    run: {
      value: (argv: readonly string[], o?: RunOptions): Promise<RunResult> => {
        calls.push([...argv]);
        if (fake === undefined) return real.run(argv, o);
        return Promise.resolve({ argv, exitCode: fake, signal: null, stdout: '', stderr: '', durationMs: 1 });
      },
    },
  }) as Host;
  return { host, calls };
}

/** The policy's allowlist, with /opt/zoom rooted in the test's folder. */
function allowlistIn(host: Host): Allowlist {
  const base = allowlistFor(host, zoom);
  return { ...base, entries: [...base.entries, { pattern: tree, action: 'remove' }], anchors: [...base.anchors, opt] };
}

function plan(path: string): RemediationPlan {
  const step: PlanStep = { kind: 'remove', title: { key: 'fix:step.remove', params: { path } }, path, elevation: 'if-needed' };
  return { id: 'folder:/opt/zoom:uninstall', findingId: 'folder:/opt/zoom', kind: 'uninstall', title: { key: 'bannedApp:installed.title' }, steps: [step], manual: [], evidence: [] };
}

function intact(): void {
  expect(readFileSync(join(tree, 'ZoomLauncher'), 'utf8')).toBe('launcher');
  expect(readFileSync(join(tree, 'lib', 'libzoom.so'), 'utf8')).toBe('lib');
  expect(readFileSync(join(tree, 'lib', 'plugins', 'p.so'), 'utf8')).toBe('plugin');
}

describe.skipIf(!root)(`tree rights: who else could change a tree root deletes${skipWhy}`, () => {
  const host = (): Host => new RealHost({ homedir: home });

  it('a tree and the folders above it that only root writes: root-only (a sticky /tmp above is fine)', async () => {
    expect(await treeRights(host(), tree)).toEqual({ state: 'root-only' });
    // Files of another user inside, and a link to another user's folder, change nothing: rm unlinks them.
    chownSync(join(tree, 'lib', 'libzoom.so'), OTHER, OTHER);
    mkdirSync(join(tmp, 'theirs'));
    chownSync(join(tmp, 'theirs'), OTHER, OTHER);
    symlinkSync(join(tmp, 'theirs'), join(tree, 'lib', 'link'));
    expect(await treeRights(host(), tree)).toEqual({ state: 'root-only' });
  });

  it('another user owning the tree, a folder in it, or a folder above it: foreign, with that folder', async () => {
    chownSync(join(tree, 'lib', 'plugins'), OTHER, OTHER);
    expect(await treeRights(host(), tree)).toEqual({ state: 'foreign', path: join(tree, 'lib', 'plugins'), why: 'owner', uid: OTHER });
    chownSync(join(tree, 'lib', 'plugins'), 0, 0);
    chownSync(tree, OTHER, 0);
    expect(await treeRights(host(), tree)).toEqual({ state: 'foreign', path: tree, why: 'owner', uid: OTHER });
    chownSync(tree, 0, 0);
    chownSync(opt, OTHER, OTHER);
    expect(await treeRights(host(), tree)).toEqual({ state: 'foreign', path: opt, why: 'owner', uid: OTHER });
    // A single file to delete in a folder another user owns: that user could swap the folder.
    expect(await treeRights(host(), join(tree, 'ZoomLauncher'))).toEqual({ state: 'foreign', path: opt, why: 'owner', uid: OTHER });
  });

  it('a folder writable by group or others (also sticky, inside the tree): foreign writable', async () => {
    for (const mode of [0o777, 0o775, 0o1777, 0o757]) {
      chmodSync(join(tree, 'lib'), mode);
      expect(await treeRights(host(), tree), mode.toString(8)).toEqual({ state: 'foreign', path: join(tree, 'lib'), why: 'writable' });
    }
    chmodSync(join(tree, 'lib'), 0o755);
    chmodSync(opt, 0o777);
    expect(await treeRights(host(), tree)).toEqual({ state: 'foreign', path: opt, why: 'writable' });
    // Above the tree a sticky folder is fine: only the owner of an entry may rename it there.
    chmodSync(opt, 0o1777);
    expect(await treeRights(host(), tree)).toEqual({ state: 'root-only' });
  });

  it('a tree larger than the limit is not half-checked; a Host that knows no owners is unchecked', async () => {
    expect(await treeRights(host(), tree, 2)).toMatchObject({ state: 'unchecked', path: tree, why: 'too-large' });
    const fixture = new FixtureHost({ platform: 'linux', homedir: '/root', files: { '/opt/zoom/ZoomLauncher': 'x' } });
    expect(await treeRights(fixture, '/opt/zoom')).toEqual({ state: 'unchecked', path: '/', why: 'no-owner' });
  });
});

describe.skipIf(!root)(`root refuses, with words, to delete a tree another user owns or can write${skipWhy}`, () => {
  it('/opt/zoom owned by another user: refused before anything is deleted, naming whose it is and the app, the folder only as detail', async () => {
    chownSync(tree, OTHER, OTHER);
    // The user database names uid 12345 (as /etc/passwd does for a person's account).
    const passwd = join(tmp, 'passwd');
    writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\nnguyenvanb:x:${OTHER}:${OTHER}:Nguyễn Văn B:/home/nguyenvanb:/bin/bash\n`);
    const { host, calls } = recording(undefined, { ATTT_SELFCHECK_PASSWD_FILE: passwd });
    const mutable = new ConfinedMutableHost(new RealMutableHost(host, now), [opt]);
    const r = await runPlan(plan(tree), { host, mutable, allowlist: allowlistIn(host), now, privileged: true });
    expect(r.outcome).toBe('refused');
    expect(r.message).toEqual({ key: 'fix:refused.foreignOwner', params: { path: tree, user: 'nguyenvanb', app: zoom.name } });
    expect(calls).toEqual([]);
    intact();
    for (const [lang, whose, detail] of [['vi', 'thuộc về tài khoản «nguyenvanb»', 'Chi tiết: '], ['en', 'belongs to the account “nguyenvanb”', 'Details: ']] as const) {
      const [sentence, ...rest] = createTranslator(lang).message(r.message!).split('\n');
      expect(sentence).toContain(whose);
      expect(sentence).toContain(zoom.name);
      expect(sentence).not.toContain(tmp); // the path is evidence, on its own line
      expect(rest).toEqual([`${detail}${tree}`]);
    }
    expect(createTranslator('vi').message(r.message!)).toContain('Đề nghị đồng chí đăng nhập tài khoản «nguyenvanb»');
  });

  it('an owner the user database does not name: «một tài khoản khác», never the number', async () => {
    chownSync(tree, OTHER, OTHER);
    const { host } = recording(undefined, { ATTT_SELFCHECK_PASSWD_FILE: join(tmp, 'no-passwd') });
    const r = await runPlan(plan(tree), { host, mutable: new RealMutableHost(host, now), allowlist: allowlistIn(host), now, privileged: true });
    expect(r.message).toEqual({ key: 'fix:refused.foreignOwnerNoName', params: { path: tree, app: zoom.name } });
    const [sentence] = createTranslator('vi').message(r.message!).split('\n');
    expect(sentence).toContain('thuộc về một tài khoản khác');
    expect(sentence).not.toContain(String(OTHER));
    intact();
  });

  it('the door refuses on its own when root, even when the runner was not told it runs as administrator', async () => {
    chmodSync(join(tree, 'lib', 'plugins'), 0o777);
    const { host } = recording();
    const r = await runPlan(plan(tree), { host, mutable: new RealMutableHost(host, now), allowlist: allowlistIn(host), now, privileged: null });
    expect(r.outcome).toBe('refused');
    expect(r.message).toEqual({ key: 'fix:refused.foreignWritable', params: { path: join(tree, 'lib', 'plugins'), app: zoom.name } });
    intact();
    const e = await new RealMutableHost(host, now).remove(tree).then(() => null, (err: unknown) => err);
    expect(isUnsafeTree(e)).toBe(true);
    intact();
  });

  it('a tree only root writes is removed by rm given by full path, walking without following links', async () => {
    mkdirSync(join(tmp, 'outside'));
    writeFileSync(join(tmp, 'outside', 'keep'), 'keep');
    symlinkSync(join(tmp, 'outside'), join(tree, 'lib', 'out'));
    const { host, calls } = recording();
    const r = await runPlan(plan(tree), { host, mutable: new RealMutableHost(host, now), allowlist: allowlistIn(host), now, privileged: true });
    expect(r.outcome).toBe('done');
    expect(existsSync(tree)).toBe(false);
    expect(readFileSync(join(tmp, 'outside', 'keep'), 'utf8')).toBe('keep');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(1)).toEqual(['-r', '-f', '--one-file-system', '--', tree]);
    expect(['/usr/bin/rm', '/bin/rm']).toContain(calls[0]![0]);
  });

  it('a user who is not root deletes with their own rights: no owner check (the rights are theirs)', async () => {
    chownSync(tree, OTHER, OTHER);
    const { host } = recording();
    await new RealMutableHost(host, now, OTHER).remove(tree);
    expect(existsSync(tree)).toBe(false);
  });
});

/** A write door whose folders all refuse the user, as /opt or /Library do. */
function denied(platform: MutableHost['platform']): MutableHost {
  const err = (path: string): Promise<never> => Promise.reject(new HostError('permission', path, `${path}: EACCES: permission denied`));
  return { platform, remove: err, moveToTrash: err, rename: err, writeFileAtomic: err, appendLine: () => Promise.resolve(), makeDir: err };
}

describe.skipIf(!root)(`retrying a delete as administrator checks the tree first${skipWhy}`, () => {
  it('Linux: a tree with a folder others can write is not handed to pkexec', async () => {
    chmodSync(join(tree, 'lib'), 0o777);
    const { host, calls } = recording(0);
    const r = await runPlan(plan(tree), { host, mutable: denied('linux'), allowlist: allowlistIn(host), now, privileged: false });
    expect(r.outcome).toBe('refused');
    expect(r.message).toEqual({ key: 'fix:refused.foreignWritable', params: { path: join(tree, 'lib'), app: zoom.name } });
    expect(calls).toEqual([]);
  });

  it('Linux: a tree only root writes goes to pkexec with rm from the system folders, link-safe flags', async () => {
    const { host, calls } = recording(0);
    const deps: RunnerDeps = { host, mutable: denied('linux'), allowlist: allowlistIn(host), now, privileged: false };
    expect((await runPlan(plan(tree), deps)).outcome).toBe('done');
    // The first system folder that holds rm, as trustedProgram looks (never PATH).
    const rm = ['/usr/sbin/rm', '/usr/bin/rm', '/sbin/rm', '/bin/rm'].find((p) => existsSync(p));
    expect(calls).toEqual([['/usr/bin/pkexec', rm, '-r', '-f', '--one-file-system', '--', tree]]);
  });

  it('macOS: the elevated rm is /bin/rm with -x (BSD: do not cross into another file system)', async () => {
    const { host: linuxHost, calls } = recording(0);
    const host = Object.create(linuxHost, { platform: { value: 'darwin' } }) as Host;
    const r = await runPlan(plan(tree), { host, mutable: denied('darwin'), allowlist: allowlistIn(host), now, privileged: false });
    expect(r.outcome).toBe('done');
    expect(calls).toEqual([['/usr/bin/osascript', '-e', `do shell script "'/bin/rm' '-r' '-f' '-x' '--' '${tree}'" with administrator privileges`]]);
  });
});

describe('Windows: no delete in the profile while elevated (no handle-based delete from here)', () => {
  const path = 'C:\\Users\\an\\AppData\\Roaming\\Zoom';
  const spec = { platform: 'win32' as const, homedir: 'C:\\Users\\an', env: { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, files: { [`${path}\\bin\\Zoom.exe`]: 'MZ' } };
  const step: PlanStep = { kind: 'remove', title: { key: 'fix:step.remove', params: { path } }, path, elevation: 'none' };
  const winPlan: RemediationPlan = { ...plan(path), steps: [step] };

  for (const privileged of [true, null]) {
    it(`elevated (${String(privileged)}): %APPDATA%\\Zoom is refused with the reason, nothing deleted`, async () => {
      const host = new FixtureHost(spec);
      const removed: string[] = [];
      const mutable: MutableHost = { ...denied('win32'), remove: (p) => (removed.push(p), Promise.resolve()) };
      const r = await runPlan(winPlan, { host, mutable, allowlist: allowlistFor(host, zoom), now, privileged });
      expect(r.outcome).toBe('refused');
      expect(r.message).toEqual({ key: 'fix:refused.elevatedProfile', params: { path, app: zoom.name } });
      expect(removed).toEqual([]);
      expect(createTranslator('vi').message(r.message!)).toContain('Đề nghị đồng chí chạy lại việc gỡ bỏ mà không dùng quyền quản trị');
    });
  }

  it('not elevated: the folder is deleted with the person\'s own rights', async () => {
    const host = new FixtureHost(spec);
    const removed: string[] = [];
    const mutable: MutableHost = { ...denied('win32'), remove: (p) => (removed.push(p), Promise.resolve()) };
    const r = await runPlan(winPlan, { host, mutable, allowlist: allowlistFor(host, zoom), now, privileged: false });
    expect(r.outcome).toBe('done');
    expect(removed).toEqual([path]);
  });
});
