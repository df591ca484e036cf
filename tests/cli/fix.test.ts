import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockZoomProcesses, unlockZoomProcesses } from '../core/banned-app/linux/zoom-process-lock';
import { DpkgSandbox } from '../helpers/dpkg-sandbox';

const cli = join(__dirname, '..', '..', 'bin', 'attt-selfcheck.cjs');

const BASE = { name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } };
const ZOOM = { name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\necho dummy\n' } };

/** A temp world: private dpkg database with zoom, temp home with a leftover and an installer, a sentinel outside. */
function world() {
  const w = new DpkgSandbox('attt-fix-cli-');
  const dir = w.root;
  w.install(BASE);
  w.install(ZOOM);
  const home = join(dir, 'home');
  mkdirSync(join(home, 'Downloads'), { recursive: true });
  writeFileSync(join(home, 'Downloads', 'zoom_amd64.deb'), 'installer');
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'sentinel.txt'), 'intact');
  const data = join(dir, 'data');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DATA_DIR: data, ATTT_SELFCHECK_PASSWD_FILE: join(dir, 'no-passwd'), ATTT_SELFCHECK_DPKG_ADMINDIR: w.admindir, ATTT_SELFCHECK_FIX_ROOTS: `${home}:${join(dir, 'data')}` };
  return { dir, w, home, data, env, outside };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, input: '' });
}

function zoomFindings(findings: Array<{ check: string; status: string; title: { params?: Record<string, unknown> } }>) {
  return findings.filter((f) => f.check === 'banned-app' && (f.status === 'violation' || f.status === 'warning'));
}

describe('attt-selfcheck fix zoom (as a process)', () => {
  // Its fix sees this machine's processes: no other test may keep a zoom running meanwhile (it would be closed, and planned).
  beforeAll(() => lockZoomProcesses(120_000), 130_000);
  afterAll(() => unlockZoomProcesses());
  it('--dry-run prints the plan and changes nothing', () => {
    const s = world();
    const r = run(['fix', 'zoom', '--dry-run'], s.env);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Kế hoạch gỡ bỏ');
    expect(r.stdout).toContain(`$ dpkg --instdir=${s.w.instdir} --log=${s.w.admindir}/dpkg.log --force-not-root -P zoom`);
    expect(r.stdout).toContain('Chế độ chạy thử');
    expect(s.w.status('zoom')).toBe('install ok installed');
    expect(existsSync(join(s.home, 'Downloads', 'zoom_amd64.deb'))).toBe(true);
    expect(existsSync(join(s.data, 'audit.log'))).toBe(false);
  });

  it('without --yes and without a terminal it does not act (the answer is no)', () => {
    const s = world();
    const r = run(['fix', 'zoom', '--lang', 'en'], s.env);
    expect(r.stdout).toContain('You did not agree; nothing on this computer was changed.');
    expect(r.status).toBe(2);
    expect(s.w.status('zoom')).toBe('install ok installed');
    expect(existsSync(join(s.data, 'audit.log'))).toBe(false);
  });

  it('--yes --json removes the package, trashes the installer, proves it by the re-check, logs it; history shows it', () => {
    const s = world();
    const r = run(['fix', 'zoom', '--yes', '--json'], s.env);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.mode).toBe('run');
    expect(zoomFindings(doc.before.findings).length).toBeGreaterThanOrEqual(2);
    expect(zoomFindings(doc.after.findings)).toEqual([]);
    expect(doc.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual(doc.verdicts.map(() => 'removed'));
    expect([0, 1, 3]).toContain(r.status);
    expect(r.status).toBe(doc.exitCode);
    expect(s.w.status('zoom')).not.toMatch(/installed/);
    expect(existsSync(join(s.home, 'Downloads', 'zoom_amd64.deb'))).toBe(false);
    expect(readFileSync(join(s.home, '.local', 'share', 'Trash', 'files', 'zoom_amd64.deb'), 'utf8')).toBe('installer');
    expect(readFileSync(join(s.outside, 'sentinel.txt'), 'utf8')).toBe('intact');
    const log = readFileSync(join(s.data, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // As root every program runs by full path from a system folder root owns (never PATH); as a person, by name.
    const dpkg = process.getuid?.() === 0 ? expect.stringMatching(/^\/(usr\/)?s?bin\/dpkg$/) : 'dpkg';
    const step = log.find((e) => e.type === 'step' && /(^|\/)dpkg$/.test(e.argv?.[0] ?? ''));
    expect(step).toMatchObject({ exitCode: 0, outcome: 'ok', argv: [dpkg, `--admindir=${s.w.admindir}`, `--instdir=${s.w.instdir}`, `--log=${s.w.admindir}/dpkg.log`, '--force-not-root', '-P', 'zoom'] });
    expect(log.filter((e) => e.type === 'verdict').map((e) => e.outcome)).toEqual(doc.verdicts.map(() => 'removed'));
    const h = run(['history', '--lang', 'en'], s.env);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain(`$ ${step.argv[0]} --admindir=${s.w.admindir} --instdir=${s.w.instdir} --log=${s.w.admindir}/dpkg.log --force-not-root -P zoom  (exit code 0)`);
    expect(h.stdout).toContain('Removed, proven by the fresh check');
    // Again: nothing left to do.
    const again = run(['fix', 'zoom', '--yes', '--json'], s.env);
    expect(JSON.parse(again.stdout).mode).toBe('nothing');
  });

  it('a recorded machine (ATTT_SELFCHECK_FIXTURE) is never acted on', () => {
    const s = world();
    const fixture = join(s.dir, 'machine.json');
    writeFileSync(fixture, JSON.stringify({
      platform: 'linux', homedir: s.home,
      commands: [{ argv: ['dpkg-query', '-W'], prefix: true, stdout: 'ii |zoom|6.2.0|amd64|install ok installed\n' }],
      files: { [join(s.home, '.zoom')]: { type: 'dir' } },
    }));
    const r = run(['fix', 'zoom', '--yes', '--lang', 'en'], { ...s.env, ATTT_SELFCHECK_FIXTURE: fixture });
    expect([0, 1, 2, 3]).toContain(r.status);
    expect(r.stdout).toContain('This is a recorded machine');
    expect(r.stdout).not.toContain('REMOVAL RESULT');
    expect(s.w.status('zoom')).toBe('install ok installed');
  });

  it('unknown flags are usage errors (64)', () => {
    const s = world();
    expect(run(['fix', 'zoom', '--force'], s.env).status).toBe(64);
    expect(run(['fix', 'skype'], s.env).status).toBe(64);
  });
});

describe('stepTimeoutFromEnv', () => {
  it('takes a positive whole number of milliseconds and ignores anything else', async () => {
    const { stepTimeoutFromEnv } = await import('../../src/cli/commands/fix');
    expect(stepTimeoutFromEnv({ ATTT_SELFCHECK_FIX_STEP_TIMEOUT_MS: '2500' })).toBe(2500);
    for (const v of [undefined, '', '0', '-5', '1.5', 'abc', '1e400']) expect(stepTimeoutFromEnv({ ATTT_SELFCHECK_FIX_STEP_TIMEOUT_MS: v })).toBeUndefined();
  });
});
