// The online apps of points 3 and 4 end to end: the built CLI on this Linux machine, its dpkg database a private
// one whose status file holds Debian's telegram-desktop entry as dpkg writes it: a notice, in its own section with
// the rules, and the exit code what the other findings make it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'attt-selfcheck.cjs');

function cli(args: readonly string[], admindir: string, home: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: admindir, ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'), ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-passwd') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A private dpkg database: its status file (`status`), an empty `available` and an `info` folder. */
function dpkgDb(dir: string, status: string): string {
  const admin = join(dir, 'dpkg');
  mkdirSync(join(admin, 'info'), { recursive: true });
  copyFileSync(status, join(admin, 'status'));
  writeFileSync(join(admin, 'available'), '');
  return admin;
}

describe.runIf(process.platform === 'linux')('online apps on Linux (telegram-desktop in a dpkg status file)', { timeout: 240_000 }, () => {
  let dir: string;
  let withApp: string;
  let without: string;
  let home: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attt-online-'));
    withApp = dpkgDb(join(dir, 'a'), join(ROOT, 'tests', 'fixtures', 'linux', 'online-apps', 'dpkg-status-telegram'));
    without = dpkgDb(join(dir, 'b'), join(ROOT, 'tests', 'fixtures', 'linux', 'online-apps', 'dpkg-status-base'));
    home = join(dir, 'home');
    mkdirSync(home);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: a notice for Telegram Desktop at points 3 and 4, counted as a notice; exit 0 with notices only', () => {
    const r = cli(['check', '--only', 'online-app', '--json'], withApp, home);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.schemaVersion).toBe(3);
    const notices = report.findings.filter((f) => f.status === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ check: 'online-app', app: 'telegram', advisoryPoint: 3, alsoPoints: [4], severity: 'info' });
    expect(notices[0]!.evidence.find((e) => e.kind === 'package')).toMatchObject({ version: '4.6.5+ds-1', data: { name: 'telegram-desktop', manager: 'dpkg' } });
    expect(notices[0]!.remediation).toBeUndefined();
    expect(report.summary).toMatchObject({ notice: 1, violation: 0, warning: 0 });
  });

  it('without the package: one ok for the list at points 3 and 4, no notice', () => {
    const r = cli(['check', '--only', 'online-app', '--json'], without, home);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.filter((f) => f.status === 'notice')).toEqual([]);
    expect(report.findings.find((f) => f.check === 'online-app' && f.status === 'ok')).toMatchObject({ advisoryPoint: 3, alsoPoints: [4] });
  });

  it('the full check exits as the other findings make it: a notice changes no exit code', () => {
    // This machine's own state (its OS patches, a process another test runs) decides the rest: judged from the same run.
    const a = cli(['check', '--json'], withApp, home);
    const report = JSON.parse(a.stdout) as Report;
    expect(report.summary.notice).toBe(1);
    const s = report.summary;
    expect(a.code).toBe(s.violation > 0 ? 2 : s.warning > 0 ? 1 : s.unknown > 0 ? 3 : 0);
    const b = cli(['check'], without, home);
    expect(b.stdout).not.toContain('ỨNG DỤNG HỌP TRỰC TUYẾN VÀ NHẮN TIN TRÊN MÁY');
    expect(cli(['check'], withApp, home).stdout).toContain('ỨNG DỤNG HỌP TRỰC TUYẾN VÀ NHẮN TIN TRÊN MÁY');
  });

  it('Vietnamese text: its own section naming the product, the rules of points 3 and 4 citing the letter', () => {
    const r = cli(['check', '--only', 'online-app'], withApp, home);
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('i ỨNG DỤNG HỌP TRỰC TUYẾN VÀ NHẮN TIN TRÊN MÁY'), r.stdout.indexOf('Tổng kết:'));
    expect(section).toContain('  - Trên máy có telegram-desktop 4.6.5+ds-1 (ứng dụng họp trực tuyến, nhắn tin)\n');
    expect(section).toContain('Khi dùng Telegram Desktop để họp hoặc trao đổi công việc, đề nghị đồng chí thực hiện đúng điểm 3 và điểm 4 Công văn số 1981/UBND-VHTT:');
    for (const rule of ['phòng họp riêng, có đặt mật khẩu', 'Xác thực người tham gia', 'Không đăng công khai mã phòng họp, mật khẩu và thời gian họp', 'không rõ nguồn gốc', 'bí mật nhà nước, dữ liệu nội bộ, văn bản của cơ quan', 'do cơ quan chỉ định']) expect(section).toContain(rule);
    expect(r.stdout).toContain('1 ứng dụng cần lưu ý khi dùng.');
    expect(r.stdout).toContain('Kết luận: Máy tính đáp ứng các nội dung đã kiểm tra.');
    // Never in a violation's words.
    expect(section).not.toMatch(/vi phạm|VI PHẠM|gỡ bỏ/);
  });

  it('English text and the Nagios line: the notice is no warning', () => {
    const en = cli(['check', '--only', 'online-app', '--lang', 'en'], withApp, home);
    expect(en.stdout).toContain('ONLINE MEETING AND MESSAGING APPS ON THIS PC');
    expect(en.stdout).toContain('telegram-desktop 4.6.5+ds-1 (an online meeting and messaging app) is on this PC');
    expect(en.stdout).toContain('Never post the meeting ID, password or time publicly.');
    const nagios = cli(['check', '--only', 'online-app', '--format', 'nagios'], withApp, home);
    expect(nagios.code).toBe(0);
    expect(nagios.stdout).toMatch(/^[^|]*OK/);
  });
});
