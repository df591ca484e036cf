// Real hostile files where the probes read, in the current user's home and in another user's home
// laid out as the other-homes tests do (a temporary user database): each read gives a quick
// `unknown` with the reason in words (vi and en), nothing is changed, nothing hangs.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumExtensionsProbe, firefoxExtensionsProbe } from '../../../src/core/checks/banned-app/browser-extensions';
import { linuxInstallersProbe } from '../../../src/core/checks/banned-app/linux/linux-probes';
import { otherUsersInstallersProbe } from '../../../src/core/checks/banned-app/linux/other-users-probes';
import type { ProbeResult } from '../../../src/core/checks/banned-app/probe';
import { createTranslator } from '../../../src/core/i18n/translator';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { loadCatalog } from '../../../src/core/catalog/load-catalog';
import { readAudit } from '../../../src/core/remediation/audit-log';
import type { Message } from '../../../src/shared/finding';
import { SPECIAL_KINDS, makeSpecial, type SpecialKind } from '../../helpers/special-files';
import { runProbe } from './linux/harness';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const vi = createTranslator('vi');
const en = createTranslator('en');

/** The reason key each kind gives when links are followed (own files) and when they are refused (others'). */
function reasonKey(kind: SpecialKind, links: 'follow' | 'refuse'): string {
  if (links === 'refuse' && kind.endsWith('-link')) return 'common:reason.link';
  if (kind === 'fifo' || kind === 'fifo-link') return 'common:reason.fifo';
  if (kind === 'socket') return 'common:reason.socket';
  if (kind === 'sparse-10g') return 'common:reason.tooLarge';
  return 'common:reason.device';
}

/** Words a person reads, in both languages: the path named, no English error text in the Vietnamese one. */
function expectInWords(reason: Message, path: string): void {
  const textVi = vi.message(reason);
  const textEn = en.message(reason);
  expect(textVi).toContain(`«${path}»`);
  expect(textEn).toContain(`«${path}»`);
  expect(textVi).not.toMatch(/\b(ENXIO|EAGAIN|ELOOP|not a regular file|bytes)\b/);
  expect(textVi).not.toBe(textEn);
}

function unknownReason(r: ProbeResult): Message {
  if (r.status !== 'unknown') throw new Error(`expected unknown, got ${JSON.stringify(r)}`);
  return r.reason;
}

/** A temporary root: a user database naming `an` (the current user) and `nguyễn` (another person). */
function world() {
  const root = mkdtempSync(join(tmpdir(), 'attt-hostile-'));
  roots.push(root);
  const an = join(root, 'home', 'an');
  const nguyen = join(root, 'home', 'nguyễn');
  const passwd = join(root, 'etc', 'passwd');
  mkdirSync(dirname(passwd), { recursive: true });
  writeFileSync(passwd, [`root:x:0:0:root:${join(root, 'root')}:/bin/bash`, `an:x:1000:1000::${an}:/bin/bash`, `nguyễn:x:1001:1001:Nguyễn Văn Bình,,,:${nguyen}:/bin/bash`, ''].join('\n'));
  mkdirSync(join(an, 'Downloads'), { recursive: true });
  mkdirSync(join(nguyen, 'Downloads'), { recursive: true });
  const host = new SandboxHost({ homedir: an, env: { PATH: process.env.PATH, ATTT_SELFCHECK_PASSWD_FILE: passwd } });
  return { root, an, nguyen, passwd, host };
}

describe.runIf(process.platform === 'linux')('hostile files where the probes read (Linux, real files)', { timeout: 30_000 }, () => {
  for (const kind of SPECIAL_KINDS) {
    it(`${kind} at the current user's ~/.config/user-dirs.dirs: the installers probe is unknown, in words`, async () => {
      const w = world();
      const file = join(w.an, '.config', 'user-dirs.dirs');
      makeSpecial(file, kind);
      const reason = unknownReason(await runProbe(linuxInstallersProbe, w.host));
      expect(reason).toEqual({ key: reasonKey(kind, 'follow'), params: { path: file } });
      expectInWords(reason, file);
      expect(lstatSync(file)).toBeTruthy(); // left where it was
    });

    it(`${kind} at another user's user-dirs.dirs, read as root: unknown for that home, links not followed`, async () => {
      const w = world();
      const file = join(w.nguyen, '.config', 'user-dirs.dirs');
      makeSpecial(file, kind);
      const reason = unknownReason(await runProbe(otherUsersInstallersProbe, w.host));
      expect(reason).toEqual({ key: reasonKey(kind, 'refuse'), params: { path: file } });
      expectInWords(reason, file);
    });
  }

  it('an installer found in Downloads is still reported when user-dirs.dirs is a FIFO (hits win)', async () => {
    const w = world();
    makeSpecial(join(w.an, '.config', 'user-dirs.dirs'), 'fifo');
    writeFileSync(join(w.an, 'Downloads', 'zoom_amd64.deb'), 'x');
    const r = await runProbe(linuxInstallersProbe, w.host);
    expect(r.status).toBe('ran');
  });

  it('a FIFO as the user database: the other-users probe is unknown with the FIFO named', async () => {
    const w = world();
    rmSync(w.passwd);
    makeSpecial(w.passwd, 'fifo');
    const reason = unknownReason(await runProbe(otherUsersInstallersProbe, w.host));
    expect(reason).toEqual({ key: 'common:reason.fifo', params: { path: w.passwd } });
  });

  it('a link to /dev/zero as a Chrome manifest and a FIFO as Firefox\'s extensions.json: unknown, in words', async () => {
    const w = world();
    const manifest = join(w.an, '.config', 'google-chrome', 'Default', 'Extensions', 'abcdefghijklmnopabcdefghijklmnop', '1.0_0', 'manifest.json');
    makeSpecial(manifest, 'zero-link');
    const ff = join(w.an, '.mozilla', 'firefox');
    mkdirSync(join(ff, 'Profiles', 'x1y2z3ab.default-release'), { recursive: true });
    writeFileSync(join(ff, 'profiles.ini'), '[Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/x1y2z3ab.default-release\nDefault=1\n');
    const extensions = join(ff, 'Profiles', 'x1y2z3ab.default-release', 'extensions.json');
    makeSpecial(extensions, 'fifo');
    const chrome = unknownReason(await runProbe(chromiumExtensionsProbe, w.host));
    expect(chrome).toEqual({ key: 'common:reason.link', params: { path: manifest } });
    const firefox = unknownReason(await runProbe(firefoxExtensionsProbe, w.host));
    expect(firefox).toEqual({ key: 'common:reason.fifo', params: { path: extensions } });
    expectInWords(firefox, extensions);
  });

  for (const kind of SPECIAL_KINDS) {
    it(`${kind} as the audit log: history says why in words, the file stays`, async () => {
      const w = world();
      const log = join(w.root, 'data', 'audit.log');
      makeSpecial(log, kind);
      const read = await readAudit(w.host, log);
      expect(read.entries).toEqual([]);
      expect(read.error).toBeTruthy();
      expect(read.reason).toEqual({ key: reasonKey(kind, 'refuse'), params: { path: log } });
      expectInWords(read.reason!, log);
      expect(lstatSync(log)).toBeTruthy();
    });
  }

  it('--catalog FILE: a FIFO, /dev/zero, /dev/random and a 10 GiB file are refused unread, in words', async () => {
    const w = world();
    const fifo = join(w.root, 'catalog.fifo');
    makeSpecial(fifo, 'fifo');
    const sparse = join(w.root, 'huge.json');
    makeSpecial(sparse, 'sparse-10g');
    const cases: readonly [string, string][] = [
      [fifo, 'common:reason.fifo'],
      ['/dev/zero', 'common:reason.device'],
      ['/dev/random', 'common:reason.device'],
      [sparse, 'common:reason.tooLarge'],
    ];
    for (const [file, key] of cases) {
      const inUse = await loadCatalog(w.host, { file, folders: [] });
      expect(inUse.origin).toBe('builtin');
      expect(inUse.refusals).toEqual([{ file, refusal: { kind: 'unreadable', reason: { key, params: { path: file } } } }]);
    }
  });

  it('a catalog folder holding a FIFO and a link to /dev/zero named *.json: neither is opened, nothing is refused in error', async () => {
    const w = world();
    const folder = join(w.root, 'catalog');
    makeSpecial(join(folder, 'a.json'), 'fifo');
    makeSpecial(join(folder, 'b.json'), 'zero-link');
    const inUse = await loadCatalog(w.host, { folders: [folder] });
    expect(inUse.origin).toBe('builtin');
    expect(inUse.refusals).toEqual([]);
  });
});
