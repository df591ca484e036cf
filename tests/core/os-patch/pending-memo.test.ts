// The pending-updates memo on real files: an apt/dpkg layout in a temporary root, a real `apt-get`
// stand-in script that counts its runs, and the memo written into a temporary data folder.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aptPending, dnfPending } from '../../../src/core/checks/os-patch/linux-updates';
import { osPatchCheck } from '../../../src/core/checks/os-patch/os-patch-check';
import { APT_MEMO_INPUTS, DNF_MEMO_INPUTS, memoizedPending, PENDING_MEMO_FILE, PENDING_MEMO_MAX_AGE_MS, type PendingMemoPlace } from '../../../src/core/checks/os-patch/pending-memo';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { memoWriterFor } from '../../../src/core/host/memo-writer';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { createTranslator } from '../../../src/core/i18n/translator';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { RootedHost } from '../../helpers/rooted-host';
import { builtinInUse } from './fixtures';

const T0 = new Date('2026-08-01T08:30:00Z');
const HOUR = 3_600_000;
const at = (ms: number): Date => new Date(T0.getTime() + ms);

const APT_OUTPUT = [
  'Reading package lists...',
  'Building dependency tree...',
  'Calculating upgrade...',
  'The following packages will be upgraded:',
  '  libssl3 openssl',
  '2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.',
  'Inst libssl3 [3.0.15-1~deb12u1] (3.0.16-1~deb12u1 Debian-Security:12/stable-security [amd64])',
  'Inst openssl [3.0.15-1~deb12u1] (3.0.16-1~deb12u1 Debian:12.9/stable [amd64])',
  'Conf libssl3 (3.0.16-1~deb12u1 Debian-Security:12/stable-security [amd64])',
  'Conf openssl (3.0.16-1~deb12u1 Debian:12.9/stable [amd64])',
  '',
].join('\n');

let tmp: string;
let root: string;
let dataDir: string;
let calls: string;
let host: RootedHost;
let place: PendingMemoPlace;

/** Writes a file under the temporary root (its system path given), creating folders. */
function put(systemPath: string, content: string): void {
  const p = join(root, systemPath);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
}

/** A command stand-in: a shell script that notes each run in `calls` and prints `stdout`, exiting `code`. */
function script(name: string, stdout: string, code = 0): string {
  const out = join(tmp, `${name}.out`);
  writeFileSync(out, stdout);
  const p = join(tmp, 'bin', name);
  mkdirSync(join(tmp, 'bin'), { recursive: true });
  writeFileSync(p, `#!/bin/sh\necho "${name} $*" >> '${calls}'\ncat '${out}'\nexit ${code}\n`);
  chmodSync(p, 0o755);
  return p;
}

const runs = (): number => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0);
const memoFile = (): string => join(dataDir, PENDING_MEMO_FILE);
const apt = (now: Date) => memoizedPending(host, place, 'apt', APT_MEMO_INPUTS, now, () => aptPending(host));

/** Sets up a Debian layout: dpkg status, lists, sources, preferences and apt.conf.d, and `apt-get` answering APT_OUTPUT. */
function debianLayout(aptGet = script('apt-get', APT_OUTPUT)): void {
  put('/var/lib/dpkg/status', 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.15-1~deb12u1\n\n');
  mkdirSync(join(root, 'var/lib/dpkg/updates'), { recursive: true });
  put('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', 'Origin: Debian\n');
  put('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', 'Package: openssl\n');
  put('/var/lib/apt/lists/lock', '');
  mkdirSync(join(root, 'var/lib/apt/lists/partial'), { recursive: true });
  put('/etc/apt/sources.list.d/debian.sources', 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\n');
  mkdirSync(join(root, 'etc/apt/preferences.d'), { recursive: true });
  put('/etc/apt/apt.conf.d/70debconf', 'DPkg::Pre-Install-Pkgs {"/usr/sbin/dpkg-preconfigure --apt || true";};\n');
  host = new RootedHost(root, ['/var/lib/dpkg', '/var/lib/apt', '/etc/apt', '/usr/lib/update-notifier', '/var/lib/rpm', '/usr/lib/sysimage/rpm', '/etc/yum.repos.d', '/etc/dnf', '/var/cache/dnf', '/var/cache/libdnf5', '/etc/os-release'], {
    rewrite: (argv) => (argv[0] === 'apt-get' ? [aptGet, ...argv.slice(1)] : argv[0] === 'dnf' ? [join(tmp, 'bin', 'dnf'), ...argv.slice(1)] : argv),
  });
}

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'attt-memo-'));
  root = join(tmp, 'root');
  dataDir = join(tmp, 'data');
  calls = join(tmp, 'calls');
  mkdirSync(root);
  debianLayout();
  place = { dataDir, writer: new ConfinedMutableHost(new RealMutableHost(host), [dataDir]) };
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('the pending-updates memo', () => {
  it('runs apt-get once, keeps the answer with what it rests on, and reuses it while nothing changed', async () => {
    const first = await apt(T0);
    expect(runs()).toBe(1);
    expect(first.pending).toEqual({ kind: 'some', tool: 'apt-get -s upgrade', count: 2, security: 1 });
    expect(first.evidence).toEqual([]);
    const memo = JSON.parse(readFileSync(memoFile(), 'utf8'));
    expect(memo).toMatchObject({ version: 1, manager: 'apt', at: T0.toISOString(), pending: first.pending });
    expect(memo.inputs.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['/var/lib/dpkg/status', '/var/lib/apt/lists', '/var/lib/apt/lists/lock', '/var/lib/apt/lists/partial', '/etc/apt/sources.list.d/debian.sources', '/etc/apt/apt.conf.d/70debconf', '/etc/apt/sources.list']),
    );

    const again = await apt(at(3 * HOUR));
    expect(runs()).toBe(1);
    expect(again.pending).toEqual(first.pending);
    expect(again.evidence).toEqual([expect.objectContaining({ kind: 'update', path: memoFile(), data: { reusedFrom: T0.toISOString(), tool: 'apt-get -s upgrade' } })]);
    expect(again.evidence[0]!.label).toMatchObject({ key: 'patch:evidence.pendingReused', params: { tool: 'apt-get -s upgrade', date: '01/08/2026' } });
  });

  const changes: ReadonlyArray<readonly [string, () => void]> = [
    ['a package installed (dpkg status rewritten)', () => put('/var/lib/dpkg/status', 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.16-1~deb12u1\n\n')],
    ['dpkg journal entry not yet merged', () => put('/var/lib/dpkg/updates/0001', 'Package: openssl\n')],
    ['new package lists (apt update)', () => put('/var/lib/apt/lists/security.debian.org_dists_bookworm-security_InRelease', 'Origin: Debian\n')],
    ['a list file grown', () => put('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', 'Package: openssl\nVersion: 3.0.16\n')],
    ['a list file with the same size but a new time', () => utimesSync(join(root, 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease'), new Date('2030-01-01'), new Date('2030-01-01'))],
    ['a list file removed', () => rmSync(join(root, 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease'))],
    ['sources.list created', () => put('/etc/apt/sources.list', 'deb http://deb.debian.org/debian bookworm main\n')],
    ['a source added in sources.list.d', () => put('/etc/apt/sources.list.d/zoom.list', 'deb https://example.invalid/ stable main\n')],
    ['a source edited in sources.list.d', () => put('/etc/apt/sources.list.d/debian.sources', 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\n')],
    ['preferences created', () => put('/etc/apt/preferences', 'Package: *\nPin: release a=testing\nPin-Priority: 900\n')],
    ['a pin added in preferences.d', () => put('/etc/apt/preferences.d/hold', 'Package: openssl\nPin: version 3.0.15*\nPin-Priority: 1001\n')],
    ['apt.conf created', () => put('/etc/apt/apt.conf', 'APT::Get::Upgrade-Allow-New "true";\n')],
    ['apt.conf.d edited', () => put('/etc/apt/apt.conf.d/70debconf', 'APT::Default-Release "testing";\n')],
    ['apt.conf.d file removed', () => rmSync(join(root, 'etc/apt/apt.conf.d/70debconf'))],
    ['update-notifier installed (another tool answers)', () => put('/usr/lib/update-notifier/apt-check', '')],
  ];

  it.each(changes)('runs again after a change: %s', async (_what, change) => {
    await apt(T0);
    expect(runs()).toBe(1);
    change();
    const after = await apt(at(HOUR));
    expect(after.evidence.filter((e) => e.label?.key === 'patch:evidence.pendingReused')).toEqual([]);
    // apt-check stands in the way of apt-get only when it answers; an empty file cannot run, so apt-get answers.
    expect(runs()).toBe(2);
    // The new answer is kept with the new state: nothing changed since, so the next check reuses it.
    await apt(at(2 * HOUR));
    expect(runs()).toBe(2);
  });

  it('reuses a memo younger than a day only; not a day old, and not one from the future (clock moved back)', async () => {
    await apt(T0);
    await apt(at(PENDING_MEMO_MAX_AGE_MS - 1));
    expect(runs()).toBe(1);
    await apt(at(PENDING_MEMO_MAX_AGE_MS));
    expect(runs()).toBe(2);
    // The memo is now from T0 + 1 day; a clock set back before that must not trust it.
    await apt(at(PENDING_MEMO_MAX_AGE_MS - HOUR));
    expect(runs()).toBe(3);
  });

  it.each([
    ['not JSON', 'this is not {json'],
    ['truncated', '{"version":1,"manager":"apt","at":"2026-08-01T08:30:00.000Z","inp'],
    ['a negative count', JSON.stringify({ version: 1, manager: 'apt', at: T0.toISOString(), inputs: [], pending: { kind: 'some', tool: 'apt-get -s upgrade', count: -3, security: 0 } })],
    ['an unknown kept as an answer', JSON.stringify({ version: 1, manager: 'apt', at: T0.toISOString(), inputs: [], pending: { kind: 'unknown', reason: { key: 'x' } } })],
    ['binary', '\u0000\u0001\u00ff\ufffd'],
    ['an empty file', ''],
  ])('a corrupt memo (%s) is moved aside, said in the evidence, and the command runs again', async (_what, content) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(memoFile(), content);
    const r = await apt(T0);
    expect(runs()).toBe(1);
    expect(r.pending).toMatchObject({ kind: 'some', count: 2 });
    expect(r.evidence).toEqual([expect.objectContaining({ kind: 'update', path: memoFile(), label: { key: 'patch:evidence.pendingMemoCorrupt' } })]);
    const aside = readdirSync(dataDir).filter((n) => n.startsWith(`${PENDING_MEMO_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toBe(content);
    // A good memo is written in its place and reused next time.
    await apt(at(HOUR));
    expect(runs()).toBe(1);
  });

  it('a folder where the memo should be is corrupt too: moved aside, never a crash', async () => {
    mkdirSync(memoFile(), { recursive: true });
    const r = await apt(T0);
    expect(r.pending.kind).toBe('some');
    expect(r.evidence[0]?.label?.key).toBe('patch:evidence.pendingMemoCorrupt');
    await apt(at(HOUR));
    expect(runs()).toBe(1);
  });

  it('keeps no unknown: a failing apt-get is asked again next time', async () => {
    debianLayout(script('apt-get', 'E: Could not open lock file\n', 100));
    place = { dataDir, writer: new ConfinedMutableHost(new RealMutableHost(host), [dataDir]) };
    expect((await apt(T0)).pending.kind).toBe('unknown');
    expect(existsSync(memoFile())).toBe(false);
    await apt(at(HOUR));
    expect(runs()).toBe(2);
  });

  it('says when the answer could not be kept (the data folder is a file), and still answers', async () => {
    writeFileSync(dataDir, 'not a folder');
    const r = await apt(T0);
    expect(r.pending.kind).toBe('some');
    expect(r.evidence).toEqual([expect.objectContaining({ label: { key: 'patch:evidence.pendingMemoNotSaved' } })]);
  });

  it('dnf: reused until the rpm database or the repositories change', async () => {
    script('dnf', 'FEDORA-2026-1a2b3c  Important/Sec.  openssl-libs-3.2.2-9.fc40.x86_64\n');
    put('/var/lib/rpm/rpmdb.sqlite', 'x');
    put('/etc/yum.repos.d/fedora.repo', '[fedora]\n');
    put('/etc/dnf/dnf.conf', '[main]\n');
    const dnf = (now: Date) => memoizedPending(host, place, 'dnf', DNF_MEMO_INPUTS, now, () => dnfPending(host));
    expect((await dnf(T0)).pending).toEqual({ kind: 'some', tool: 'dnf updateinfo', count: 1, security: 1 });
    await dnf(at(HOUR));
    expect(runs()).toBe(1);
    put('/var/lib/rpm/rpmdb.sqlite', 'xy');
    await dnf(at(2 * HOUR));
    expect(runs()).toBe(2);
    put('/etc/yum.repos.d/updates-testing.repo', '[updates-testing]\n');
    await dnf(at(3 * HOUR));
    expect(runs()).toBe(3);
    // Fedora 36 and later: the database lives in /usr/lib/sysimage/rpm, /var/lib/rpm is a link to it.
    rmSync(join(root, 'var/lib/rpm'), { recursive: true });
    put('/usr/lib/sysimage/rpm/rpmdb.sqlite', 'x');
    symlinkSync('../../usr/lib/sysimage/rpm', join(root, 'var/lib/rpm'));
    await dnf(at(3 * HOUR + 1));
    await dnf(at(3 * HOUR + 2));
    expect(runs()).toBe(4);
    put('/usr/lib/sysimage/rpm/rpmdb.sqlite', 'xyz');
    await dnf(at(3 * HOUR + 3));
    expect(runs()).toBe(5);
    // An apt memo is never taken for dnf's answer, nor the other way round.
    await apt(at(4 * HOUR));
    expect(runs()).toBe(6);
  });

  it('the os-patch check says in its evidence, in Vietnamese and English, that the answer was reused and from when', async () => {
    put('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n');
    const check = osPatchCheck({ catalog: async () => builtinInUse(), distroInfoDir: join(tmp, 'no-distro-info') });
    const ctx = { host, policy: builtinPolicy(), dataDir, memoWriter: place.writer };
    const first = await check.run({ ...ctx, now: T0 });
    const second = await check.run({ ...ctx, now: at(2 * HOUR) });
    expect(runs()).toBe(1);
    const strip = (f: typeof first) => f.map((x) => ({ ...x, evidence: x.evidence.filter((e) => !e.data?.reusedFrom) }));
    expect(strip(second)).toEqual(strip(first));
    const pending = second.find((f) => f.id.startsWith('os-patch:') && f.title.key === 'patch:pending.titleSecurity')!;
    const reused = pending.evidence.find((e) => e.data?.reusedFrom === T0.toISOString())!;
    const time = `${String(T0.getHours()).padStart(2, '0')}:${String(T0.getMinutes()).padStart(2, '0')}`;
    expect(createTranslator('vi').t(reused.label!.key, reused.label!.params)).toBe(
      `Kết quả kiểm tra bản cập nhật chờ cài (apt-get -s upgrade) được dùng lại từ lần kiểm tra lúc ${time} ngày 01/08/2026: cơ sở dữ liệu gói, danh sách gói và cấu hình nguồn cài đặt không thay đổi kể từ đó`,
    );
    expect(createTranslator('en').t(reused.label!.key, reused.label!.params)).toBe(
      `The pending-updates result (apt-get -s upgrade) was reused from the check at ${time} on 01/08/2026: the package database, the package lists and the sources' configuration have not changed since`,
    );
  });
});

describe('memoWriterFor', () => {
  it('writes only for the machine we run on, never for a recorded one', () => {
    expect(memoWriterFor(new FixtureHost({ platform: 'linux', homedir: '/home/an' }), dataDir)).toBeUndefined();
    expect(memoWriterFor(host, 'relative/dir')).toBeUndefined();
    expect(memoWriterFor(host, dataDir)).toBeDefined();
  });

  it('refuses to write outside the data folder', async () => {
    const w = memoWriterFor(host, dataDir)!;
    await expect(w.writeFileAtomic(join(tmp, 'elsewhere.json'), '{}')).rejects.toThrow(/outside the allowed folders/);
  });
});
