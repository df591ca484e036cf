// A recorded machine file (ATTT_SELFCHECK_FIXTURE) is validated with a schema: a malformed one is one
// clear error, in words, with the place in the file on its own line, exit 64 — never a crash (70).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture-io';
import { main } from '../../src/cli/main';
import { parseFixtureSpec } from '../../src/core/host/fixture-spec';
import { FixtureHost } from '../../src/core/host/fixture-host';

const dir = mkdtempSync(join(tmpdir(), 'attt-fixture-file-'));
const now = () => new Date('2026-11-25T08:00:00Z');
const good = { platform: 'linux', homedir: '/home/an', hostname: 'may-01', files: { '/home/an/.zoom': { type: 'dir', uid: 1000, gid: 1000, mode: 0o755 } }, commands: [{ argv: ['id', '-u'], stdout: '1000\n' }] };

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function runWith(file: string, args: string[] = ['check', '--lang', 'en']) {
  const io = capture();
  const code = await main(args, { io, env: { ATTT_SELFCHECK_FIXTURE: file }, now });
  return { code, ...io };
}

describe('recorded machine files', () => {
  it('a valid file is used as the machine', async () => {
    const r = await runWith(fileWith('good.json', JSON.stringify(good)), ['check', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).host).toMatchObject({ hostname: 'may-01', os: 'linux' });
  });

  it.each([
    ['not JSON', '{"platform": "linux", ', 'not JSON'],
    ['not an object', '[1, 2]', '(top level)'],
    ['an unknown platform', JSON.stringify({ ...good, platform: 'haiku' }), 'platform'],
    ['no home folder', JSON.stringify({ platform: 'linux' }), 'homedir'],
    ['a relative home folder', JSON.stringify({ ...good, homedir: 'home/an' }), 'homedir'],
    ['files that are a number', JSON.stringify({ ...good, files: 5 }), 'files'],
    ['a file node without content', JSON.stringify({ ...good, files: { '/etc/os-release': { type: 'file' } } }), 'files./etc/os-release'],
    ['a node of an unknown type', JSON.stringify({ ...good, files: { '/etc/x': { type: 'fifo' } } }), 'files./etc/x'],
    ['a relative file path', JSON.stringify({ ...good, files: { 'etc/os-release': 'x' } }), 'files.etc/os-release'],
    ['a __proto__ file key', `{"platform":"linux","homedir":"/home/an","files":{"__proto__":{"type":"dir"}}}`, 'files.__proto__'],
    ['a command with an empty argv', JSON.stringify({ ...good, commands: [{ argv: [] }] }), 'commands.0.argv'],
    ['a command error that does not exist', JSON.stringify({ ...good, commands: [{ argv: ['x'], error: 'boom' }] }), 'commands.0.error'],
    ['a misspelt key', JSON.stringify({ ...good, comands: [] }), '(top level)'],
    ['an env value that is not text', JSON.stringify({ ...good, env: { PATH: 1 } }), 'env.PATH'],
  ])('%s: exit 64, the reason in words, the place on its own line', async (_name, text, where) => {
    const file = fileWith('bad.json', text);
    for (const lang of ['en', 'vi']) {
      const r = await runWith(file, ['check', '--lang', lang]);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      const [sentence, detail] = r.stderr.split('\n');
      expect(sentence).toContain(lang === 'en' ? 'The recorded machine file' : 'Không sử dụng được tệp dữ liệu máy tính ghi lại');
      expect(sentence).toContain(file);
      expect(detail).toContain(where);
    }
  });

  it('a file that cannot be read is refused naming it (the bounded read: exit 70), never a crash', async () => {
    const missing = join(dir, 'nope.json');
    expect(existsSync(missing)).toBe(false);
    const r = await runWith(missing);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('ATTT_SELFCHECK_FIXTURE');
    expect(r.stderr).not.toContain('    at ');
  });

  it('the CLI as a process exits 64 with the reason, without a stack trace', () => {
    const cli = join(__dirname, '..', '..', 'bin', 'attt-selfcheck.cjs');
    const r = spawnSync(process.execPath, [cli, 'check', '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, ATTT_SELFCHECK_FIXTURE: fileWith('bad2.json', '{"platform":"linux","homedir":"/h","files":{"/x":{"type":"symlink"}}}') } });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('files./x');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('parses the recordings the tests and IT staff write: owners and modes, errors, prefix commands', () => {
    const spec = parseFixtureSpec(JSON.stringify({ ...good, files: { ...good.files, '/etc/shadow': { type: 'error', code: 'permission' }, 'C:\\Users\\an': { type: 'dir' } }, commands: [{ argv: ['dpkg-query', '-W'], prefix: true, stdout: '', exitCode: 0 }] }), 'x.json');
    expect(spec.files?.['/etc/shadow']).toEqual({ type: 'error', code: 'permission' });
  });

  it('a recorded FIFO or device is a special node: the recorded machine refuses to read it, as a real one does', async () => {
    const spec = parseFixtureSpec(JSON.stringify({ ...good, homedir: '/home/an', files: { '/home/an/.config/user-dirs.dirs': { type: 'special', special: 'fifo' }, '/dev/zero': { type: 'special', special: 'character-device' } } }), 'x.json');
    const host = new FixtureHost(spec);
    await expect(host.readText('/home/an/.config/user-dirs.dirs', { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file', special: 'fifo' });
    expect(() => parseFixtureSpec(JSON.stringify({ ...good, files: { '/x': { type: 'special', special: 'tape' } } }), 'x.json')).toThrow();
  });
});
