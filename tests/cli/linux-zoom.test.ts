// End to end, as a process: the CLI on this Linux machine, with its dpkg database pointed at a
// private one (ATTT_SELFCHECK_DPKG_ADMINDIR) and HOME at a temporary home.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { lockZoomProcesses, unlockZoomProcesses } from '../core/banned-app/linux/zoom-process-lock';
import { dpkgAvailable, DpkgSandbox } from '../helpers/dpkg-sandbox';

const ROOT = join(__dirname, '..', '..');

function cli(args: readonly string[], admindir: string, home: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'attt-selfcheck.cjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: admindir, ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'), ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-passwd') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(process.platform === 'linux' && dpkgAvailable())('attt-selfcheck on Linux with a dummy zoom package', { timeout: 120_000 }, () => {
  let dirty: DpkgSandbox;
  let clean: DpkgSandbox;
  let dirtyHome: string;
  let cleanHome: string;

  beforeAll(() => {
    dirty = new DpkgSandbox();
    dirty.install({ name: 'zoom', version: '6.1.0.198', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n' } });
    dirty.install({ name: 'zoomer', version: '0.1-2', arch: 'all' });
    clean = new DpkgSandbox();
    clean.install({ name: 'zoomer', version: '0.1-2', arch: 'all' });
    dirtyHome = mkdtempSync(join(tmpdir(), 'attt-cli-home-'));
    mkdirSync(join(dirtyHome, 'Downloads'));
    writeFileSync(join(dirtyHome, 'Downloads', 'zoom_amd64.deb'), 'x'.repeat(100));
    cleanHome = mkdtempSync(join(tmpdir(), 'attt-cli-home-'));
    mkdirSync(join(cleanHome, 'Downloads'));
    writeFileSync(join(cleanHome, 'Downloads', 'zoom.txt'), 'meeting notes');
  });
  afterAll(() => {
    dirty.dispose();
    clean.dispose();
    rmSync(dirtyHome, { recursive: true, force: true });
    rmSync(cleanHome, { recursive: true, force: true });
  });

  it('--json: exits 2, prints one JSON report with the dpkg violation and the installer', () => {
    const r = cli(['--json'], dirty.admindir, dirtyHome);
    expect(r.code, r.stderr).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    const zoom = report.findings.filter((f) => f.check === 'banned-app');
    const pkg = zoom.find((f) => f.evidence.some((e) => e.data?.manager === 'dpkg'));
    expect(pkg).toMatchObject({ status: 'violation', remediation: 'uninstall.package' });
    expect(pkg!.evidence.find((e) => e.kind === 'package')).toMatchObject({ version: '6.1.0.198', data: { name: 'zoom', version: '6.1.0.198', arch: 'amd64' } });
    expect(zoom.find((f) => f.status === 'warning' && f.evidence.some((e) => e.kind === 'installer'))?.evidence[0]).toMatchObject({
      path: join(dirtyHome, 'Downloads', 'zoom_amd64.deb'),
      data: { size: '100' },
    });
    expect(zoom.flatMap((f) => f.evidence).some((e) => e.data?.name === 'zoomer')).toBe(false);
  });

  it('--lang en: human output names the package, its version and the verdict', () => {
    const r = cli(['check', '--lang', 'en'], dirty.admindir, dirtyHome);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('zoom 6.1.0.198 is installed\n');
    expect(r.stdout).toContain('version 6.1.0.198');
    expect(r.stdout).toContain('VIOLATES Official letter No. 1981/UBND-VHTT');
  });

  it('Vietnamese by default', () => {
    const r = cli([], dirty.admindir, dirtyHome);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Phát hiện phần mềm zoom 6.1.0.198 đã cài đặt\n');
  });

  it('with a clean database and a clean home, the Zoom check finds no violation', async () => {
    // No other test may keep a real "zoom" process alive meanwhile.
    await lockZoomProcesses();
    try {
      const r = cli(['--json'], clean.admindir, cleanHome);
      const report = JSON.parse(r.stdout) as Report;
      const zoom = report.findings.filter((f) => f.check === 'banned-app');
      expect(zoom.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
      expect(zoom.some((f) => f.status === 'ok')).toBe(true);
      expect(r.code).not.toBe(2);
    } finally {
      unlockZoomProcesses();
    }
  });
});
