// Linux without the attr package: the origin the browser recorded is read through python3's os.getxattr (run as
// argv, the path an argument, the values as hex in one JSON line), tried only where getfattr is not in the system
// folders; a python3 that prints garbage or hangs is a clear, bounded failure; with neither tool the check is
// unknown and says to install the attr package. Real user.xdg.* attributes on real files in a temporary home; the
// tools are made absent (or replaced by a stand-in) through the Host, as the probe finds them through it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_XATTR_TOOL, parsePythonXattrs, readDownloadOrigin } from '../../../src/core/checks/banned-app/download-origin';
import type { CheckContext } from '../../../src/core/checks/check';
import { installerOriginCheck } from '../../../src/core/checks/installer-origin/installer-origin-check';
import { trustedProgram } from '../../../src/core/remediation/elevation';
import { RealHost } from '../../../src/core/host/real-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { SystemToolsHost } from '../../helpers/system-tools-host';
import { userXattrsRefusal } from '../../helpers/user-xattrs';

const skipWhy = ((): string | null => {
  const refusal = userXattrsRefusal();
  if (refusal) return refusal;
  if (spawnSync('python3', ['-c', 'import os; os.getxattr']).status !== 0) return 'python3 with os.getxattr is not installed';
  return null;
})();

const run = (host: RealHost): Promise<readonly Finding[]> => installerOriginCheck().run({ host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') } satisfies CheckContext);

describe('the python3 fallback\'s output, decoded strictly', () => {
  const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
  it('hex values, null for none, an errno name for a refusal', () => {
    expect(parsePythonXattrs(JSON.stringify({ 'user.xdg.origin.url': hex('https://zalo.me/tải về.exe'), 'user.xdg.referrer.url': null }))).toEqual({ url: 'https://zalo.me/tải về.exe', referrer: null });
    expect(parsePythonXattrs(JSON.stringify({ 'user.xdg.origin.url': { error: 'ENOTSUP' }, 'user.xdg.referrer.url': '' }))).toEqual({ url: { reason: 'python3 os.getxattr: ENOTSUP' }, referrer: null });
  });
  it.each([
    ['not JSON', 'Traceback (most recent call last):'],
    ['an array', '[]'],
    ['odd hex', JSON.stringify({ 'user.xdg.origin.url': 'abc', 'user.xdg.referrer.url': null })],
    ['not hex', JSON.stringify({ 'user.xdg.origin.url': 'zz', 'user.xdg.referrer.url': null })],
    ['a missing name', JSON.stringify({ 'user.xdg.origin.url': null })],
    ['a number', JSON.stringify({ 'user.xdg.origin.url': 1, 'user.xdg.referrer.url': null })],
    ['an error that is no errno name', JSON.stringify({ 'user.xdg.origin.url': { error: 'rm -rf /' }, 'user.xdg.referrer.url': null })],
  ])('refuses %s', (_what, out) => {
    expect(() => parsePythonXattrs(out)).toThrow();
  });
});

describe.skipIf(skipWhy !== null)(`Linux without getfattr: real user.xdg.* attributes read by python3${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'xattr-fallback-home-'));
  const dl = join(home, 'Downloads');
  const bin = join(home, 'stand-ins');
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(dl);
  mkdirSync(bin);
  const put = (name: string, url?: string, referrer?: string): string => {
    const p = join(dl, name);
    writeFileSync(p, 'MZ');
    if (url) execFileSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, p]);
    if (referrer) execFileSync('setfattr', ['-n', 'user.xdg.referrer.url', '-v', referrer, p]);
    return p;
  };
  const script = (name: string, body: string): string => {
    const p = join(bin, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  put('ZaloSetup-26.9.10.exe', 'https://zalo-pc.example/ZaloSetup-26.9.10.exe', 'https://zalo-pc.example/tải-về');
  put('-rf setup.deb', 'http://3232235777/setup.deb');
  put('unrecorded.rpm');
  const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const noGetfattr = (): SystemToolsHost => new SystemToolsHost({ homedir: home, env, absent: ['getfattr'] });

  it('finds python3 in the system folders, never getfattr, and reads both attributes in one run per file', async () => {
    const host = noGetfattr();
    expect(await trustedProgram(host, 'getfattr')).toBeNull();
    expect(await readDownloadOrigin(host, join(dl, 'ZaloSetup-26.9.10.exe'))).toEqual({ state: 'recorded', url: 'https://zalo-pc.example/ZaloSetup-26.9.10.exe', referrer: 'https://zalo-pc.example/tải-về' });
    // A name starting with a dash is a path after `--`, never an option.
    expect(await readDownloadOrigin(host, join(dl, '-rf setup.deb'))).toEqual({ state: 'recorded', url: 'http://3232235777/setup.deb' });
    expect(await readDownloadOrigin(host, join(dl, 'unrecorded.rpm'))).toEqual({ state: 'none' });
    expect(host.ran).toHaveLength(3);
    for (const argv of host.ran) {
      expect(argv[0]).toBe(await trustedProgram(host, 'python3'));
      expect(argv.slice(1, 4)).toEqual(['-I', '-S', '-c']);
      expect(argv[5]).toBe('--');
    }
  });

  it('a link\'s own attributes, never its target\'s (follow_symlinks=False)', async () => {
    const target = put('target.bin', 'https://bit.ly/3xyz');
    const link = join(home, 'link.exe');
    symlinkSync(target, link);
    expect(await readDownloadOrigin(noGetfattr(), link)).toEqual({ state: 'none' });
  });

  it('the check judges the installers as with getfattr: a fake Zalo is a violation, an IP download a warning', async () => {
    const findings = await run(noGetfattr());
    expect(findings.find((f) => f.status === 'violation')).toMatchObject({ app: 'zalo', title: { params: { host: 'zalo-pc.example', official: 'zalo.me', officialLast: 'zdn.vn' } } });
    expect(findings.find((f) => f.status === 'warning')).toMatchObject({ title: { key: 'installerOrigin:risky.ip.title', params: { host: '192.168.1.1' } } });
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });

  it('a python3 that prints garbage: each installer unread with the reason, the check unknown (try again), nothing guessed', async () => {
    const host = new SystemToolsHost({ homedir: home, env, absent: ['getfattr'], standIns: { python3: script('python3-garbage', "printf '\\377\\376 not json'") } });
    const origin = await readDownloadOrigin(host, join(dl, 'unrecorded.rpm'));
    expect(origin).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/^python3: unexpected output/) as unknown });
    const findings = await run(host);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]).toMatchObject({ reason: { key: 'installerOrigin:reason.unread', params: { count: 3 } }, action: { key: 'installerOrigin:unknown.action' } });
  });

  it('a python3 that fails: its last error line is the reason', async () => {
    const host = new SystemToolsHost({ homedir: home, env, absent: ['getfattr'], standIns: { python3: script('python3-fails', "echo 'Traceback (most recent call last):' >&2; echo 'ImportError: no json' >&2; exit 1") } });
    expect(await readDownloadOrigin(host, join(dl, 'unrecorded.rpm'))).toEqual({ state: 'unknown', reason: 'python3: ImportError: no json' });
  });

  it('a python3 that hangs: killed at the time limit and given up for the rest of the run (run once, not once per file)', async () => {
    const host = new SystemToolsHost({ homedir: home, env, absent: ['getfattr'], standIns: { python3: script('python3-hangs', 'exec sleep 120') } });
    const findings = await run(host);
    expect(host.ran.filter((a) => a[0]!.endsWith('python3'))).toHaveLength(1);
    const unknown = findings.find((f) => f.status === 'unknown')!;
    expect(unknown.reason).toEqual({ key: 'installerOrigin:reason.unread', params: { count: 3 } });
    for (const e of unknown.evidence.filter((x) => x.kind === 'installer')) expect(e.data?.downloadOriginReason).toBe('python3: no answer in 5 s');
  }, 20_000);

  it('neither getfattr nor python3: unknown, saying to install the attr package, and nothing run', async () => {
    const host = new SystemToolsHost({ homedir: home, env, absent: ['getfattr', 'python3'] });
    const findings = await run(host);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'unknown', reason: { key: 'installerOrigin:reason.noTool', params: { count: 3 } }, action: { key: 'installerOrigin:unknown.installAttr' } });
    expect(findings[0]!.evidence.find((e) => e.path === join(dl, 'unrecorded.rpm'))?.data).toMatchObject({ downloadOrigin: 'unknown', downloadOriginReason: NO_XATTR_TOOL });
    expect(host.ran.filter((a) => /getfattr|python3/.test(a[0]!))).toEqual([]);
  });

  it('the person\'s PATH is not where the tools come from: a getfattr first on PATH is never run', async () => {
    const fake = join(home, 'path-bin');
    mkdirSync(fake);
    writeFileSync(join(fake, 'getfattr'), '#!/bin/sh\necho https://zalo.me/\n');
    chmodSync(join(fake, 'getfattr'), 0o755);
    const host = new SystemToolsHost({ homedir: home, env: { HOME: home, PATH: `${fake}:/usr/bin:/bin` }, absent: ['getfattr'] });
    expect(await readDownloadOrigin(host, join(dl, 'ZaloSetup-26.9.10.exe'))).toMatchObject({ state: 'recorded', url: 'https://zalo-pc.example/ZaloSetup-26.9.10.exe' });
  });
});
