// The real removal (plan from evidence, runner, RealMutableHost) against real trees while another
// process swaps a subfolder of the tree with a symbolic link to a sentinel tree outside the allowlist
// (renameat2 RENAME_EXCHANGE, in a loop). Whatever the removal's outcome, the sentinel keeps every file.
import { chmodSync, existsSync, lchownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../../src/shared/finding';
import type { Host } from '../../../src/core/host/host';
import { RealHost } from '../../../src/core/host/real-host';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowlistFor, type Allowlist } from '../../../src/core/remediation/allowlist';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { runPlan } from '../../../src/core/remediation/runner';
import { startRacer, type Racer } from '../../helpers/exchange-racer';

const zoom = builtinPolicy().bannedApps[0]!;
const now = () => new Date('2026-11-25T08:00:00Z');
/** Runs per removal kind; four kinds, so some hundreds in all. */
const RUNS = 60;

const scratch = mkdtempSync(join(tmpdir(), 'attt-race-'));
let racer: Racer | null = null;
let why = '';

beforeAll(async () => {
  const started = await startRacer(scratch);
  if ('racer' in started) racer = started.racer;
  else why = started.why;
});

afterAll(() => {
  racer?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every file under `root` (links not followed) with its content. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(relative(root, p), readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** Files named like the swapped subfolder's, so a delete that follows the link would hit them. */
function fill(dir: string, label: string): void {
  mkdirSync(join(dir, 'deep', 'deeper'), { recursive: true });
  for (let i = 0; i < 24; i++) writeFileSync(join(dir, `f${i}`), `${label} ${i}`);
  for (let i = 0; i < 8; i++) writeFileSync(join(dir, 'deep', `g${i}`), `${label} deep ${i}`);
  writeFileSync(join(dir, 'deep', 'deeper', 'h'), `${label} deeper`);
}

/** A Host that reads and runs as this machine but plans as macOS (paths are POSIX on both). */
function asMacos(host: RealHost): Host {
  return Object.create(host, { platform: { value: 'darwin' } }) as Host;
}

interface Kind {
  readonly name: string;
  readonly platform: 'linux' | 'darwin';
  /** The tree, relative to the run's folder; `sub` is the subfolder the racer swaps. */
  readonly tree: string;
  readonly sub: string;
  readonly evidence: (path: string) => Evidence;
  readonly status: Finding['status'];
  /** Where the tree must be after a run that ended `done` (null: gone). */
  readonly after: (run: string) => string | null;
}

const KINDS: readonly Kind[] = [
  { name: 'Linux leftover folder ~/.zoom', platform: 'linux', tree: 'home/.zoom', sub: 'data', evidence: (path) => ({ kind: 'folder', path, detail: path }), status: 'warning', after: () => null },
  { name: 'Linux manual install folder /opt/zoom', platform: 'linux', tree: 'opt/zoom', sub: 'lib', evidence: (path) => ({ kind: 'folder', path, detail: path }), status: 'violation', after: () => null },
  { name: 'macOS leftover folder ~/Library/Application Support/zoom.us', platform: 'darwin', tree: 'home/Library/Application Support/zoom.us', sub: 'data', evidence: (path) => ({ kind: 'folder', path, detail: path }), status: 'warning', after: () => null },
  { name: 'macOS app bundle ~/Applications/zoom.us.app (to the Trash)', platform: 'darwin', tree: 'home/Applications/zoom.us.app', sub: 'Contents', evidence: (path) => ({ kind: 'app-bundle', path, detail: path, data: { bundleId: 'us.zoom.xos' } }), status: 'violation', after: (run) => join(run, 'home', '.Trash', 'zoom.us.app') },
];

describe('a removal cannot be redirected outside its tree by swapping a subfolder for a link', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: ${RUNS} runs against a RENAME_EXCHANGE loop leave the sentinel tree whole`, async (ctx) => {
      if (!racer) return ctx.skip(`no racer here: ${why}`);
      const sentinel = join(scratch, `sentinel-${KINDS.indexOf(kind)}`);
      fill(sentinel, 'sentinel');
      const before = snapshot(sentinel);
      const outcomes = new Map<string, number>();
      for (let i = 0; i < RUNS; i++) {
        const run = join(scratch, `k${KINDS.indexOf(kind)}-${i}`);
        const home = join(run, 'home');
        const tree = join(run, kind.tree);
        mkdirSync(home, { recursive: true });
        mkdirSync(join(tree, kind.sub), { recursive: true });
        fill(join(tree, kind.sub), 'tree');
        fill(tree, 'tree top');
        const link = join(run, 'link');
        symlinkSync(sentinel, link);
        const real = new RealHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' } });
        const host = kind.platform === 'darwin' ? asMacos(real) : real;
        const base = allowlistFor(host, zoom);
        // /opt/zoom itself would be the machine's: the same entry, rooted in the run's folder.
        const allowlist: Allowlist = { ...base, entries: [...base.entries, { pattern: join(run, 'opt', 'zoom'), action: 'remove' }], anchors: [...base.anchors, join(run, 'opt')] };
        const mutable = new ConfinedMutableHost(new RealMutableHost(host, now), [home, join(run, 'opt')]);
        const finding: Finding = { id: `race:${i}`, check: 'banned-app', status: kind.status, severity: 'high', advisoryPoint: 1, title: { key: 'bannedApp:leftover.title' }, evidence: [kind.evidence(tree)] };
        const [plan] = await planFindings(host, zoom, [finding]);
        expect(plan!.steps.map((s) => s.kind)).toEqual([kind.platform === 'darwin' && kind.sub === 'Contents' ? 'trash' : 'remove']);
        await racer.race(join(tree, kind.sub), link);
        const result = await runPlan(plan!, { host, mutable, allowlist, now, privileged: process.getuid?.() === 0 });
        const swaps = await racer.stop();
        expect(swaps, 'the racer swapped the subfolder while the removal ran').toBeGreaterThan(0);
        expect(snapshot(sentinel), `run ${i}: the sentinel tree is untouched`).toEqual(before);
        expect(['done', 'failed'], JSON.stringify(result)).toContain(result.outcome);
        outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
        if (result.outcome === 'done') {
          expect(existsSync(tree), `run ${i}: the tree is gone`).toBe(false);
          const moved = kind.after(run);
          if (moved) expect(existsSync(moved)).toBe(true);
        }
      }
      // Most runs end `done`; a run where the swap made the tool stop says so (`failed`), never more.
      expect(outcomes.get('done') ?? 0).toBeGreaterThan(0);
    }, 180_000);
  }
});

describe('root against a tree another user owns or can write, raced by that user', () => {
  const OTHER = 12345;
  let theirs: Racer | null = null;
  let theirsWhy = process.getuid?.() === 0 ? '' : 'needs root (chown, a racer as another user)';
  let space = '';

  beforeAll(async () => {
    if (theirsWhy) return;
    // A folder the other user can reach (the test's scratch folder is root's, mode 700).
    space = mkdtempSync(join(tmpdir(), 'attt-race-other-'));
    chmodSync(space, 0o755);
    const started = await startRacer(space, OTHER);
    if ('racer' in started) theirs = started.racer;
    else theirsWhy = started.why;
  });

  afterAll(() => {
    theirs?.close();
    if (space) rmSync(space, { recursive: true, force: true });
  });

  /** Every file's content under `root`, names aside (the racer renames inside the user's folder). */
  const contents = (root: string): string[] => [...snapshot(root).values()].sort();

  for (const shape of ['owned by uid 12345', 'writable by others (777)'] as const) {
    it(`/opt/zoom with a folder ${shape}: 40 raced runs are all refused in words; the tree and the sentinel keep every file`, async (ctx) => {
      if (!theirs) return ctx.skip(theirsWhy);
      const sentinel = join(space, `sentinel-${shape.length}`);
      fill(sentinel, 'sentinel');
      const kept = snapshot(sentinel);
      for (let i = 0; i < 40; i++) {
        const run = join(space, `${shape.length}-${i}`);
        const home = join(run, 'home');
        const tree = join(run, 'opt', 'zoom');
        const lib = join(tree, 'lib');
        mkdirSync(home, { recursive: true });
        fill(join(lib, 'sub'), 'tree');
        writeFileSync(join(tree, 'ZoomLauncher'), 'launcher');
        symlinkSync(sentinel, join(lib, 'link'));
        if (shape === 'writable by others (777)') chmodSync(lib, 0o777);
        else for (const p of [lib, join(lib, 'link')]) lchownSync(p, OTHER, OTHER);
        const before = contents(tree);
        const host = new RealHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' } });
        const base = allowlistFor(host, zoom);
        const allowlist: Allowlist = { ...base, entries: [...base.entries, { pattern: tree, action: 'remove' }], anchors: [...base.anchors, join(run, 'opt')] };
        const mutable = new ConfinedMutableHost(new RealMutableHost(host, now), [join(run, 'opt')]);
        const finding: Finding = { id: `race:${i}`, check: 'banned-app', status: 'violation', severity: 'high', advisoryPoint: 1, title: { key: 'bannedApp:leftover.title' }, evidence: [{ kind: 'folder', path: tree, detail: tree }] };
        const [plan] = await planFindings(host, zoom, [finding]);
        await theirs.race(join(lib, 'sub'), join(lib, 'link'));
        const result = await runPlan(plan!, { host, mutable, allowlist, now, privileged: true });
        expect(await theirs.stop(), 'the other user swapped their folder while root looked').toBeGreaterThan(0);
        expect(result.outcome).toBe('refused');
        expect(result.message).toEqual({ key: shape === 'writable by others (777)' ? 'fix:refused.foreignWritable' : 'fix:refused.foreignOwnerNoName', params: { path: lib, app: zoom.name } });
        expect(contents(tree), `run ${i}: nothing in the tree was deleted`).toEqual(before);
        expect(snapshot(sentinel), `run ${i}: the sentinel is untouched`).toEqual(kept);
      }
    }, 120_000);
  }
});
