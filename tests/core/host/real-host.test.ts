import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPosixPath, RealHost } from '../../../src/core/host/real-host';

const host = new RealHost();

/** Alive and not a zombie (a killed orphan may linger unreaped in a container without an init). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

describe('RealHost.run', () => {
  it('runs argv and returns exit code, stdout and stderr', async () => {
    const r = await host.run(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(r.error).toBeUndefined();
  });

  it('never interprets argv through a shell', async () => {
    const r = await host.run(['echo', '$(id)', ';', 'ls']);
    expect(r.stdout).toBe('$(id) ; ls\n');
  });

  it('reports a missing program as not-found instead of throwing', async () => {
    const r = await host.run(['attt-no-such-tool-xyz', '--version']);
    expect(r.error?.code).toBe('not-found');
    expect(r.exitCode).toBeNull();
  });

  it('looks a bare name up on the PATH it is given, as execvp does, and answers a missing tool without spawning it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-path-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'attt-tool'), '#!/bin/sh\necho "ran $1"\n', { mode: 0o755 });
    writeFileSync(join(bin, 'attt-not-exec'), '#!/bin/sh\necho no\n', { mode: 0o644 });
    const onPath = new RealHost({ env: { ...process.env, PATH: `/nonexistent-dir:${bin}:/usr/bin:/bin` } });
    expect(await onPath.run(['attt-tool', 'x'])).toMatchObject({ exitCode: 0, stdout: 'ran x\n' });
    expect((await onPath.run(['attt-not-exec'])).error).toEqual({ code: 'not-found', message: 'attt-not-exec is not installed or not on PATH' });
    // A PATH given for one command wins over the host's own.
    expect((await host.run(['attt-tool'])).error?.code).toBe('not-found');
    expect(await host.run(['attt-tool', 'y'], { env: { PATH: bin } })).toMatchObject({ exitCode: 0, stdout: 'ran y\n' });
    expect(await onPosixPath('attt-tool', `${bin}`)).toBe(true);
    expect(await onPosixPath('attt-tool', '/usr/bin:/bin')).toBe(false);
    expect(await onPosixPath('sh', undefined)).toBe(true);
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-run-'));
    const pidFile = join(dir, 'grandchild.pid');
    const r = await host.run(['sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 });
    expect(r.error?.code).toBe('timeout');
    expect(r.exitCode).toBeNull();
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    await new Promise((res) => setTimeout(res, 100));
    expect(isAlive(grandchild)).toBe(false);
  });

  it('caps output and says it was truncated', async () => {
    const r = await host.run(['sh', '-c', 'head -c 100000 /dev/zero'], { maxOutputBytes: 1000 });
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
  });

  it('passes stdin input', async () => {
    const r = await host.run(['cat'], { input: 'xin chào' });
    expect(r.stdout).toBe('xin chào');
  });
});

describe('RealHost files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attt-fs-'));
  mkdirSync(join(dir, 'thư mục'));
  writeFileSync(join(dir, 'thư mục', 'tệp.txt'), 'nội dung');
  symlinkSync(join(dir, 'thư mục'), join(dir, 'link'));

  it('reads, lists and stats with lstat semantics', async () => {
    expect(await host.readText(join(dir, 'thư mục', 'tệp.txt'), { links: 'refuse' })).toBe('nội dung');
    const names = (await host.list(dir)).map((e) => `${e.name}:${e.type}`).sort();
    expect(names).toEqual(['link:symlink', 'thư mục:dir']);
    expect((await host.stat(join(dir, 'link')))?.type).toBe('symlink');
    expect(await host.stat(join(dir, 'missing'))).toBeNull();
  });

  it('throws HostError with a code a probe can turn into a reason', async () => {
    await expect(host.readText(join(dir, 'missing'), { links: 'refuse' })).rejects.toMatchObject({ name: 'HostError', code: 'not-found' });
    await expect(host.list(join(dir, 'thư mục', 'tệp.txt'))).rejects.toMatchObject({ code: 'not-a-directory' });
    await expect(host.readText(join(dir, 'thư mục', 'tệp.txt'), { maxBytes: 3, links: 'refuse' })).rejects.toMatchObject({ code: 'too-large' });
  });
});
