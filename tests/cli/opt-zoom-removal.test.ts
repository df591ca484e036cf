// The CLI removing a manual /opt/zoom as root, for real: inside a private mount namespace
// (`unshare --mount`) a temporary folder is bind-mounted over /opt, so the path, the allowlist and
// the check are the product's own; the removal is confined to /opt (ATTT_SELFCHECK_FIX_ROOTS).
// A private PID namespace too (`--pid --mount-proc`): its fix closes every Zoom it sees, and must
// see none of another test's running zoom processes.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRacer, type Racer } from '../helpers/exchange-racer';

const cli = join(__dirname, '..', '..', 'bin', 'attt-selfcheck.cjs');
const root = process.getuid?.() === 0;
const unshare = spawnSync('unshare', ['--mount', '--pid', '--fork', '--mount-proc', '--', 'true']).status === 0;
const runnable = process.platform === 'linux' && root && unshare;
const why = process.platform !== 'linux' ? 'Linux only' : !root ? 'needs root (mount namespace, chown)' : 'unshare --mount does not work here';

/** Bind-mounts argv[1] over /opt in this (private) namespace, then runs the CLI with the rest. */
const IN_NAMESPACE = String.raw`
const { spawnSync } = require('node:child_process');
const [opt, cli, ...args] = process.argv.slice(1);
const m = spawnSync('mount', ['--bind', opt, '/opt'], { stdio: 'inherit' });
if (m.status !== 0) process.exit(99);
const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 98);
`;

let dir: string;
let opt: string;
let env: NodeJS.ProcessEnv;

/** Runs `attt-selfcheck ARGS` as root with /opt = the test's folder. */
function runCli(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['--mount', '--pid', '--fork', '--mount-proc', '--', process.execPath, '-e', IN_NAMESPACE, opt, cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function snapshot(at: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(relative(at, p), readFileSync(p, 'utf8'));
    }
  };
  walk(at);
  return out;
}

function install(): string {
  const zoom = join(opt, 'zoom');
  mkdirSync(join(zoom, 'lib', 'deep'), { recursive: true });
  writeFileSync(join(zoom, 'ZoomLauncher'), '#!/bin/sh\n');
  for (let i = 0; i < 20; i++) writeFileSync(join(zoom, 'lib', `f${i}`), `zoom ${i}`);
  for (let i = 0; i < 5; i++) writeFileSync(join(zoom, 'lib', 'deep', `g${i}`), `zoom deep ${i}`);
  return zoom;
}

describe.skipIf(!runnable)(`attt-selfcheck fix zoom as root on a manual /opt/zoom${runnable ? '' : ` — SKIPPED: ${why}`}`, { timeout: 120_000 }, () => {
  let racer: Racer | null = null;
  let racerWhy = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attt-opt-zoom-'));
    opt = join(dir, 'opt');
    mkdirSync(opt);
    const home = join(dir, 'home');
    mkdirSync(home);
    // The machine's own package database is asked (read-only): no package owns this /opt/zoom, so it is a manual install.
    env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DATA_DIR: join(dir, 'data'), ATTT_SELFCHECK_PASSWD_FILE: join(dir, 'no-passwd'), ATTT_SELFCHECK_FIX_ROOTS: '/opt', ATTT_SELFCHECK_FIXTURE: '' };
    const started = await startRacer(dir);
    if ('racer' in started) racer = started.racer;
    else racerWhy = started.why;
  });

  afterAll(() => {
    racer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a folder in it owned by another user: refused in Vietnamese words, nothing deleted, still a violation', async () => {
    const zoom = install();
    chownSync(join(zoom, 'lib'), 12345, 12345);
    const before = snapshot(zoom);
    const r = await runCli(['fix', 'zoom', '--yes', '--lang', 'vi']);
    // Whose it is (no account names uid 12345 here: «một tài khoản khác», never the number) and which app; the folder as detail.
    expect(r.stdout, r.stderr).toContain('Trợ lý không xóa phần này của Zoom khi chạy với quyền quản trị, vì thư mục ghi ở dòng chi tiết thuộc về một tài khoản khác trên máy tính này');
    expect(r.stdout).toContain('Chi tiết: /opt/zoom/lib');
    expect(r.stdout).not.toContain('12345');
    expect(r.stdout).toContain('từ chối vì không an toàn');
    expect(r.status).toBe(2);
    expect(snapshot(zoom)).toEqual(before);
    rmSync(zoom, { recursive: true, force: true });
  });

  it('root-owned: removed and proven by the re-check; raced by a subfolder swapped with a link, the sentinel stays whole', async (ctx) => {
    if (!racer) return ctx.skip(`no racer here: ${racerWhy}`);
    const sentinel = join(dir, 'sentinel');
    mkdirSync(join(sentinel, 'deep'), { recursive: true });
    for (let i = 0; i < 20; i++) writeFileSync(join(sentinel, `f${i}`), `sentinel ${i}`);
    for (let i = 0; i < 5; i++) writeFileSync(join(sentinel, 'deep', `g${i}`), `sentinel deep ${i}`);
    const kept = snapshot(sentinel);
    const zoom = install();
    const calm = await runCli(['fix', 'zoom', '--yes', '--json']);
    const calmDoc = JSON.parse(calm.stdout) as { plans: { id: string; steps: { path?: string }[] }[]; verdicts: { planId: string; verdict: string }[] };
    const calmId = calmDoc.plans.find((p) => p.steps.some((s) => s.path === '/opt/zoom'))?.id;
    expect(calmDoc.verdicts.find((v) => v.planId === calmId)?.verdict, calm.stderr).toBe('removed');
    expect(existsSync(zoom)).toBe(false);
    for (let run = 0; run < 2; run++) {
      install();
      const link = join(dir, `link-${run}`);
      symlinkSync(sentinel, link);
      await racer.race(join(zoom, 'lib'), link);
      const r = await runCli(['fix', 'zoom', '--yes', '--json']);
      expect(await racer.stop()).toBeGreaterThan(0);
      expect(snapshot(sentinel), `run ${run}`).toEqual(kept);
      const doc = JSON.parse(r.stdout) as { plans: { id: string; steps: { path?: string }[] }[]; verdicts: { planId: string; verdict: string; run?: { outcome: string } }[] };
      const planId = doc.plans.find((p) => p.steps.some((s) => s.path === '/opt/zoom'))?.id;
      const opt = doc.verdicts.find((v) => v.planId === planId);
      expect(['done', 'failed'], JSON.stringify(doc.verdicts.map((v) => [v.planId, v.verdict, v.run?.outcome]))).toContain(opt?.run?.outcome);
      // Removed means gone, as the re-check saw it; a swap that made rm stop leaves it reported still present.
      expect(opt?.verdict).toBe(existsSync(zoom) ? 'still-present' : 'removed');
      rmSync(zoom, { recursive: true, force: true });
    }
  });
});
