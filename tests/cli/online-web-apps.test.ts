// Google Meet installed from Chrome as a web app, end to end: the built CLI on this Linux machine, a temporary home
// holding Chrome's menu entry and profile folder for it (as Chrome lays them out), its dpkg database a private one
// without any online app: one notice in --json, its own section in words, exit code and Nagios state unchanged.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'attt-selfcheck.cjs');
const MEET = 'kjgfgldnnfoeklkmfkjfagphfepbbdan';

function cli(args: readonly string[], admindir: string, home: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: admindir, ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'), ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-passwd') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(process.platform === 'linux')('a Google Meet web app through the CLI', { timeout: 240_000 }, () => {
  let dir: string;
  let admin: string;
  let withMeet: string;
  let without: string;
  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attt-webapp-cli-'));
    admin = join(dir, 'dpkg');
    mkdirSync(join(admin, 'info'), { recursive: true });
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'linux', 'online-apps', 'dpkg-status-base'), join(admin, 'status'));
    writeFileSync(join(admin, 'available'), '');
    withMeet = join(dir, 'with');
    without = join(dir, 'without');
    mkdirSync(without);
    put(join(withMeet, '.local', 'share', 'applications', `chrome-${MEET}-Default.desktop`), `#!/usr/bin/env xdg-open\n[Desktop Entry]\nVersion=1.0\nTerminal=false\nType=Application\nName=Google Meet\nExec=/opt/google/chrome/google-chrome --profile-directory=Default --app-id=${MEET}\nIcon=chrome-${MEET}-Default\nStartupWMClass=crx_${MEET}\n`);
    put(join(withMeet, '.config', 'google-chrome', 'Default', 'Web Applications', 'Manifest Resources', MEET, 'Icons', '256.png'), 'png');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: one notice for Google Meet at points 3 and 4, its records as evidence; exit 0', () => {
    const r = cli(['check', '--only', 'online-app', '--json'], admin, withMeet);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const notices = report.findings.filter((f) => f.status === 'notice');
    expect(notices.map((f) => f.app)).toEqual(['google-meet']);
    expect(notices[0]).toMatchObject({ check: 'online-app', advisoryPoint: 3, alsoPoints: [4], severity: 'info' });
    expect(notices[0]!.evidence.map((e) => e.data?.form).sort()).toEqual(['desktop-entry', 'web-app-folder']);
    expect(report.summary).toMatchObject({ notice: 1, violation: 0, warning: 0 });
  });

  it('--ecs: its line is the machine\'s state (event.kind state, outcome unknown), not an alert; exit code as --json\'s', () => {
    const json = JSON.parse(cli(['check', '--only', 'online-app', '--json'], admin, withMeet).stdout) as Report;
    const notice = json.findings.find((f) => f.status === 'notice')!;
    const r = cli(['check', '--only', 'online-app', '--ecs'], admin, withMeet);
    expect(r.code).toBe(0);
    const docs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { event: { id: string; kind: string; outcome: string; severity?: number } });
    const line = docs.find((d) => d.event.id === notice.id)!;
    expect(line.event).toMatchObject({ kind: 'state', outcome: 'unknown' });
    expect(docs.some((d) => d.event.kind === 'alert')).toBe(false);
  });

  it('in words, its own section; without it, no section; Nagios OK either way', () => {
    const vi = cli(['check', '--only', 'online-app'], admin, withMeet);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('ỨNG DỤNG HỌP TRỰC TUYẾN VÀ NHẮN TIN TRÊN MÁY');
    expect(vi.stdout).toContain('Google Meet');
    expect(vi.stdout).toContain('Ứng dụng web «Google Meet» cài từ trình duyệt Google Chrome (hồ sơ Default)');
    expect(cli(['check', '--only', 'online-app'], admin, without).stdout).not.toContain('ỨNG DỤNG HỌP TRỰC TUYẾN VÀ NHẮN TIN TRÊN MÁY');
    for (const home of [withMeet, without]) {
      const n = cli(['check', '--only', 'online-app', '--format', 'nagios'], admin, home);
      expect(n.code).toBe(0);
      expect(n.stdout).toMatch(/^[^|]*OK/);
    }
  });
});
