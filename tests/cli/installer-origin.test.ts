// End to end through the built CLI (out/cli/attt-selfcheck.cjs) on Linux: a zoom_amd64.deb in ~/Downloads that the
// browser recorded (user.xdg.origin.url, set here with real setfattr) as downloaded from a fake site is a violation
// whose title names that site and the official domain.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli', 'attt-selfcheck.cjs');

const why = ((): string | null => {
  if (process.platform !== 'linux') return 'not Linux';
  if (!existsSync(CLI)) return 'the CLI is not built (node scripts/build-cli.mjs)';
  const d = mkdtempSync(join(tmpdir(), 'xattr-probe-'));
  try {
    writeFileSync(join(d, 'f'), 'x');
    const r = spawnSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', 'https://x.example/', join(d, 'f')]);
    return r.status === 0 ? null : `setfattr cannot set user xattrs here: ${r.error ? r.error.message : String(r.stderr)}`;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
})();

describe.skipIf(why !== null)(`the built CLI names where a fake installer came from${why ? ` (skipped: ${why})` : ''}`, { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'attt-origin-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, 'Downloads'));
  const deb = join(home, 'Downloads', 'zoom_amd64.deb');
  writeFileSync(deb, '!<arch>\n');
  spawnSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', 'https://zoom-us.download-free.example/zoom_amd64.deb', deb]);
  const run = (args: readonly string[]): { code: number | null; stdout: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'), ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-passwd') },
    });
    return { code: r.status, stdout: r.stdout };
  };

  it('--json: the installer finding is a violation with the origin in its evidence', () => {
    const report = JSON.parse(run(['check', '--json']).stdout) as Report;
    const f = report.findings.find((x) => x.evidence.some((e) => e.kind === 'installer' && e.path === deb));
    expect(f).toMatchObject({ status: 'violation', title: { key: 'bannedApp:installer.fakeTitleEither', params: { host: 'zoom-us.download-free.example', official: 'zoom.us', officialLast: 'zoom.com' } } });
    expect(f!.evidence[0]!.data).toMatchObject({ downloadOrigin: 'unofficial', downloadUrl: 'https://zoom-us.download-free.example/zoom_amd64.deb', downloadHost: 'zoom-us.download-free.example' });
  });

  it('in Vietnamese, the person reads the site it came from and the official one', () => {
    const out = run(['check', '--lang', 'vi']).stdout;
    expect(out).toContain('có thể là giả mạo: tải về từ zoom-us.download-free.example, không phải trang chính thức zoom.us hoặc zoom.com');
  });
});
