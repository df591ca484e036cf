// End to end through the built CLI (out/cli/attt-selfcheck.cjs) on Linux: a zoom_amd64.deb in ~/Downloads that the
// browser recorded (user.xdg.origin.url, set here with real setfattr) as downloaded from a fake site is a violation
// whose title names that site and the official domains; and installers of any app judged by the installer-origin
// check: an unrecorded one is ok, one from file sharing a warning, a fake of an app the policy names a violation.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { userXattrsRefusal } from '../helpers/user-xattrs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli', 'attt-selfcheck.cjs');

const why = ((): string | null => {
  if (process.platform !== 'linux') return 'not Linux';
  if (!existsSync(CLI)) return 'the CLI is not built (node scripts/build-cli.mjs)';
  return userXattrsRefusal();
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

describe.skipIf(why !== null)(`the built CLI judges where any installer came from (check --only installer-origin)${why ? ` (skipped: ${why})` : ''}`, { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'attt-any-origin-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const dl = join(home, 'Downloads');
  mkdirSync(dl);
  const put = (name: string, url?: string, referrer?: string): string => {
    const p = join(dl, name);
    writeFileSync(p, 'MZ');
    if (url) spawnSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, p]);
    if (referrer) spawnSync('setfattr', ['-n', 'user.xdg.referrer.url', '-v', referrer, p]);
    return p;
  };
  const env = (h: string): NodeJS.ProcessEnv => ({ ...process.env, HOME: h, XDG_CONFIG_HOME: join(h, '.config'), XDG_DATA_HOME: join(h, '.local', 'share'), ATTT_SELFCHECK_DATA_DIR: join(h, '.attt-data'), ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(h, 'no-passwd') });
  const cli = (args: readonly string[], h = home): { code: number | null; stdout: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: env(h) });
    return { code: r.status, stdout: r.stdout };
  };

  it('only unrecorded installers: ok, exit 0, said as such', () => {
    const quiet = mkdtempSync(join(tmpdir(), 'attt-any-origin-quiet-'));
    try {
      mkdirSync(join(quiet, 'Downloads'));
      writeFileSync(join(quiet, 'Downloads', 'copied.msi'), 'MZ');
      const r = cli(['check', '--only', 'installer-origin', '--lang', 'vi'], quiet);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Đã xem 1 tệp cài đặt trong thư mục Tải về và Màn hình nền: không tệp nào tải về từ nguồn đáng ngờ; 1 tệp không có thông tin nguồn tải về');
    } finally {
      rmSync(quiet, { recursive: true, force: true });
    }
  });

  it('an AppImage from Google Drive is a warning (exit 1) saying why, citing point 2', () => {
    put('tool-x86_64.AppImage', 'https://drive.usercontent.google.com/download?id=1AbC&export=download', 'https://drive.google.com/');
    const json = cli(['check', '--only', 'installer-origin', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.checks).toEqual(['installer-origin']);
    expect(report.findings).toEqual([expect.objectContaining({ check: 'installer-origin', status: 'warning', advisoryPoint: 2 })]);
    const vi = cli(['check', '--only', 'installer-origin', '--lang', 'vi']).stdout;
    expect(vi).toContain('Tệp cài đặt tải về từ dịch vụ chia sẻ tệp drive.usercontent.google.com, không phải từ trang chính thức của nhà phát triển');
    expect(vi).toContain('Điểm 2 Công văn số 1981/UBND-VHTT yêu cầu chỉ tải và cài đặt ứng dụng từ các nguồn chính thống');
    expect(vi).toContain('Đề nghị đồng chí chưa cài đặt tệp này.');
  });

  it('a Zalo installer (named in the built-in policy) from a look-alike: a likely fake (exit 2) naming its official domains', () => {
    put('ZaloSetup-26.9.10.exe', 'https://zalo.me@zalo-pc.example/ZaloSetup-26.9.10.exe');
    const r = cli(['check', '--only', 'installer-origin', '--lang', 'vi']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Tệp cài đặt Zalo có thể là giả mạo: tải về từ zalo-pc.example, không phải trang chính thức zalo.me hoặc zdn.vn');
    const en = cli(['check', '--only', 'installer-origin', '--lang', 'en']).stdout;
    expect(en).toContain('Likely a fake Zalo installer: downloaded from zalo-pc.example, not from the official sites zalo.me or zdn.vn');
  });
});
