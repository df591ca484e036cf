// End to end, as a process killed should it hang: the CLI with a FIFO, a link to /dev/zero, a
// 10 GiB file where it reads (user-dirs.dirs in the user's and another user's home, --catalog, the
// audit log, the recorded machine). Each run ends by itself, names the file in words and stays small.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { guardedCli, type GuardedRun } from '../helpers/guarded-child';
import { makeSpecial } from '../helpers/special-files';
import { lockZoomProcesses, unlockZoomProcesses } from '../core/banned-app/linux/zoom-process-lock';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A temporary home and data folder, another user `nguyễn` in a temporary user database. */
function world() {
  const root = mkdtempSync(join(tmpdir(), 'attt-cli-hostile-'));
  roots.push(root);
  const home = join(root, 'home', 'an');
  const other = join(root, 'home', 'nguyễn');
  const data = join(root, 'data');
  for (const d of [join(home, 'Downloads'), join(other, 'Downloads'), data, join(root, 'etc')]) mkdirSync(d, { recursive: true });
  const passwd = join(root, 'etc', 'passwd');
  writeFileSync(passwd, [`an:x:1000:1000::${home}:/bin/bash`, `nguyễn:x:1001:1001:Nguyễn Văn Bình,,,:${other}:/bin/bash`, ''].join('\n'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    ATTT_SELFCHECK_DATA_DIR: data,
    ATTT_SELFCHECK_PASSWD_FILE: passwd,
    ATTT_SELFCHECK_FIXTURE: '',
    ATTT_SELFCHECK_FIX_ROOTS: `${home}:${data}`,
  };
  return { root, home, other, data, env };
}

/** Ended by itself (not killed by the guard), with a code of its own, and small. */
function expectEndedSmall(r: GuardedRun): void {
  expect(r.killed, r.stderr).toBe(false);
  expect(r.status, r.stderr).not.toBeNull();
  expect(r.maxRssKb, 'peak memory (KiB)').toBeLessThan(400 * 1024);
}

describe.runIf(process.platform === 'linux')('the CLI with hostile files where it reads', { timeout: 180_000 }, () => {
  it('check: a FIFO at user-dirs.dirs, a link to /dev/zero at another user\'s, a FIFO as --catalog: each unknown/refused by name, in words', () => {
    const w = world();
    const mine = join(w.home, '.config', 'user-dirs.dirs');
    const theirs = join(w.other, '.config', 'user-dirs.dirs');
    const catalog = join(w.root, 'catalog.json');
    makeSpecial(mine, 'fifo');
    makeSpecial(theirs, 'zero-link');
    makeSpecial(catalog, 'fifo');
    const r = guardedCli(['check', '--json', '--lang', 'en', '--catalog', catalog], { env: w.env, timeoutMs: 150_000 });
    expectEndedSmall(r);
    expect([1, 2, 3]).toContain(r.status); // at least the unknowns below (and whatever this machine's patches say)
    const report = JSON.parse(r.stdout) as Report;
    const unknownOf = (path: string) => report.findings.find((f) => f.status === 'unknown' && f.reason?.params?.path === path);
    expect(unknownOf(mine)?.reason?.key).toBe('common:reason.fifo');
    expect(unknownOf(theirs)?.reason?.key).toBe('common:reason.link');
    expect(report.findings.find((f) => f.title.key === 'patch:catalog.refusedTitle' && f.title.params?.file === catalog)?.detail).toEqual({ key: 'common:reason.fifo', params: { path: catalog } });
    expect(r.stderr).toContain(`Not using the catalog «${catalog}»: «${catalog}» is a named pipe (FIFO), not a regular file, so it was not read`);
    // Nothing was changed: the FIFOs and the link are where they were.
    expect(lstatSync(mine).isFIFO()).toBe(true);
    expect(lstatSync(theirs).isSymbolicLink()).toBe(true);
  });

  it('check in Vietnamese names the FIFO in words, and ends', () => {
    const w = world();
    const mine = join(w.home, '.config', 'user-dirs.dirs');
    makeSpecial(mine, 'fifo');
    const r = guardedCli(['check'], { env: w.env, timeoutMs: 150_000 });
    expectEndedSmall(r);
    expect(r.stdout).toContain(`Lý do: «${mine}» là một đường ống (FIFO), không phải tệp thông thường, nên chương trình không đọc`);
  });

  it('catalog show --catalog /dev/zero, /dev/random, a FIFO, a 10 GiB file: refused in words; the built-in catalog stays in use', () => {
    const w = world();
    const fifo = join(w.root, 'catalog.fifo');
    const huge = join(w.root, 'huge.json');
    makeSpecial(fifo, 'fifo');
    makeSpecial(huge, 'sparse-10g');
    const cases: readonly [string, string][] = [
      ['/dev/zero', '«/dev/zero» là một thiết bị, không phải tệp thông thường'],
      ['/dev/random', '«/dev/random» là một thiết bị, không phải tệp thông thường'],
      [fifo, `«${fifo}» là một đường ống (FIFO)`],
      [huge, `Tệp «${huge}» lớn bất thường so với loại tệp này`],
    ];
    for (const [file, words] of cases) {
      const r = guardedCli(['catalog', 'show', '--catalog', file], { env: w.env, timeoutMs: 60_000 });
      expectEndedSmall(r);
      expect(r.stderr).toContain(`Không dùng danh mục «${file}»: ${words}`);
      expect(r.stdout).toContain('Nguồn: danh mục có sẵn trong chương trình');
    }
  });

  it('history with a FIFO as the audit log: says why in words (exit 3), the FIFO stays', () => {
    const w = world();
    const log = join(w.data, 'audit.log');
    makeSpecial(log, 'fifo');
    const r = guardedCli(['history'], { env: w.env });
    expectEndedSmall(r);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(`Không đọc được nhật ký: «${log}» là một đường ống (FIFO)`);
    expect(lstatSync(log).isFIFO()).toBe(true);
  });

  it('fix with a FIFO as the audit log: the removal is done and proven, the log failure is reported, nothing lost', async () => {
    const w = world();
    const log = join(w.data, 'audit.log');
    makeSpecial(log, 'fifo');
    writeFileSync(join(w.home, 'Downloads', 'zoom_amd64.deb'), 'installer');
    // `fix` looks at this machine's processes too: never while another test keeps a real "zoom" running.
    await lockZoomProcesses();
    let r: GuardedRun;
    try {
      r = guardedCli(['fix', 'zoom', '--yes', '--lang', 'en'], { env: w.env, timeoutMs: 150_000 });
    } finally {
      unlockZoomProcesses();
    }
    expectEndedSmall(r);
    expect(existsSync(join(w.home, 'Downloads', 'zoom_amd64.deb'))).toBe(false);
    expect(readFileSync(join(w.home, '.local', 'share', 'Trash', 'files', 'zoom_amd64.deb'), 'utf8')).toBe('installer');
    expect(r.stderr).toContain(`Warning: the action log could not be written: «${log}» is not a regular file (it is a link, a pipe or a device), so nothing was written to it. The removal still went ahead`);
    expect(lstatSync(log).isFIFO()).toBe(true);
  });

  it('a FIFO or /dev/zero as the recorded machine (ATTT_SELFCHECK_FIXTURE): exit 70 naming it, at once', () => {
    const w = world();
    const fifo = join(w.root, 'machine.json');
    execFileSync('mkfifo', [fifo]);
    for (const [file, words] of [[fifo, 'a named pipe (FIFO)'], ['/dev/zero', 'a character device']] as const) {
      const r = guardedCli(['check', '--lang', 'en'], { env: { ...w.env, ATTT_SELFCHECK_FIXTURE: file }, timeoutMs: 60_000 });
      expectEndedSmall(r);
      expect(r.status).toBe(70);
      expect(r.stderr).toContain(`ATTT_SELFCHECK_FIXTURE: ${file}: ${words}, not a regular file (not read)`);
    }
  });
});
