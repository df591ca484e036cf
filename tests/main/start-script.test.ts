import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-start-'));
  // A recorded Linux machine with Zoom under /opt/zoom, so the check reads nothing of this machine.
  writeFileSync(
    join(dir, 'fixture.json'),
    JSON.stringify({ platform: 'linux', homedir: '/home/an', hostname: 'pc-01', files: { '/opt/zoom/ZoomLauncher': 'x', '/home/an/.zoom/logs/zoom.log': 'x' } }),
  );
  env = { ...process.env, ATTT_SELFCHECK_FIXTURE: join(dir, 'fixture.json'), ATTT_SELFCHECK_DATA_DIR: join(dir, 'data'), HOME: join(dir, 'home'), ATTT_ELECTRON_INSTALL_TIMEOUT_MS: '1500' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake electron package folder whose install.js behaves as given (no binary, like here). */
function fakeElectron(name: string, installJs: string): string {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', d]);
  writeFileSync(join(d, 'install.js'), installJs);
  return d;
}

function start(electronDir: string) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], { cwd: root, env: { ...env, ATTT_ELECTRON_DIR: electronDir }, encoding: 'utf8', timeout: 120_000 });
}

describe('npm start without the Electron binary', () => {
  const cli = () => spawnSync(process.execPath, [join(root, 'bin', 'attt-selfcheck.cjs'), 'check'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });

  it('gives up on a download that hangs, explains in Vietnamese then English, runs the check in the terminal and exits with its code', () => {
    const r = start(fakeElectron('hangs', 'setTimeout(() => {}, 1e9);\n'));
    const expected = cli();
    expect(r.stdout).toMatch(/Không tải được chương trình Electron trên máy tính này \(no answer within 2 s\)/);
    expect(r.stdout).toMatch(/The Electron binary could not be downloaded on this machine \(no answer within 2 s\)/);
    expect(r.stdout.indexOf('Không tải được')).toBeLessThan(r.stdout.indexOf('The Electron binary'));
    expect(r.stdout).toMatch(/ELECTRON_MIRROR/);
    // The check ran: the report of the recorded machine follows, with the same exit code as the CLI's own.
    expect(r.stdout).toContain('Công văn số 1981/UBND-VHTT');
    expect(r.stdout).toContain('Zoom');
    expect(r.stdout).toContain(expected.stdout.trim().split('\n').find((l) => l.includes('Zoom'))!);
    expect([1, 2, 3]).toContain(expected.status);
    expect(r.status).toBe(expected.status);
  });

  it('reports why the installer failed (its last error line) and still runs the check', () => {
    const r = start(fakeElectron('fails', "console.error('RequestError: getaddrinfo ENOTFOUND github.com');\nprocess.exit(1);\n"));
    expect(r.stdout).toMatch(/\(exit code 1: RequestError: getaddrinfo ENOTFOUND github.com\)/);
    expect(r.stdout).toContain('Công văn số 1981/UBND-VHTT');
    expect(r.status).toBe(cli().status);
  });

  it('notices an installer that "succeeds" without leaving a binary (e.g. ELECTRON_SKIP_BINARY_DOWNLOAD)', () => {
    const r = start(fakeElectron('skips', 'process.exit(0);\n'));
    expect(r.stdout).toMatch(/the installer finished but no binary is present/);
    expect(r.stdout).toContain('Công văn số 1981/UBND-VHTT');
  });
});
