// The real `history --json` of the CLI (bin/attt-selfcheck.cjs, as `npm run check` runs it) held to the strict history
// schema (src/core/history/history-schema.ts), on files the product itself wrote on a machine laid out as a real one:
// a private dpkg database with Zoom and an installer in Downloads, checked, then Zoom removed by `fix zoom --yes`
// (audit log) and checked again (history with changes). Then the same files with what a PC collects over time (a
// damaged entry, a torn line, a line written before report schema 2), and an audit log that cannot be read.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_JSON_VERSION, type HistoryDocument } from '../../src/core/history/history-document';
import { validateHistoryDocument } from '../../src/core/history/history-schema';
import { lockZoomProcesses, unlockZoomProcesses } from '../core/banned-app/linux/zoom-process-lock';
import { DpkgSandbox } from '../helpers/dpkg-sandbox';

const cli = join(__dirname, '..', '..', 'bin', 'attt-selfcheck.cjs');
const ZOOM = { name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\necho dummy\n' } };

describe.runIf(process.platform === 'linux')('history --json matches the strict history schema', { timeout: 300_000 }, () => {
  let w: DpkgSandbox;
  let env: NodeJS.ProcessEnv;
  let data: string;
  const run = (args: readonly string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, input: '', timeout: 180_000 });
  const history = (): { code: number | null; doc: HistoryDocument; issues: readonly string[] } => {
    const r = run(['history', '--json']);
    const doc = JSON.parse(r.stdout) as HistoryDocument;
    const v = validateHistoryDocument(doc);
    return { code: r.status, doc, issues: v.ok ? [] : v.issues };
  };

  // Its fix sees this machine's processes: no other test may keep a zoom running meanwhile.
  beforeAll(async () => {
    await lockZoomProcesses(120_000);
    w = new DpkgSandbox('attt-history-schema-');
    w.install(ZOOM);
    const home = join(w.root, 'home');
    mkdirSync(join(home, 'Downloads'), { recursive: true });
    writeFileSync(join(home, 'Downloads', 'zoom_amd64.deb'), 'installer');
    data = join(w.root, 'data');
    env = { ...process.env, ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_MACHINE_POLICY_DIR: join(w.root, 'no-policy'), HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DATA_DIR: data, ATTT_SELFCHECK_PASSWD_FILE: join(w.root, 'no-passwd'), ATTT_SELFCHECK_DPKG_ADMINDIR: w.admindir, ATTT_SELFCHECK_FIX_ROOTS: `${home}:${data}` };
    expect(run(['check']).status).toBe(2);
    const fix = run(['fix', 'zoom', '--yes']);
    expect(fix.stderr).toBe('');
    expect(w.status('zoom')).not.toMatch(/installed/);
    run(['check']);
  }, 300_000);
  afterAll(() => {
    unlockZoomProcesses();
    rmSync(w.root, { recursive: true, force: true });
  });

  it('the checks and the removal as the product wrote them', () => {
    const { code, doc, issues } = history();
    expect(issues).toEqual([]);
    expect(code).toBe(0);
    expect(doc.schemaVersion).toBe(HISTORY_JSON_VERSION);
    expect(doc.entries.map((e) => e.type)).toContain('verdict');
    expect(doc.entries.some((e) => e.type === 'step' && e.argv?.includes('zoom'))).toBe(true);
    // The check after the removal (newest first) says Zoom is no longer found; the first has nothing before it.
    expect(doc.checks.entries.length).toBeGreaterThanOrEqual(2);
    expect(doc.checks.entries[0]!.changes!.some((c) => c.kind === 'resolved')).toBe(true);
    expect(doc.checks.entries.at(-1)!.changes).toBeNull();
  });

  it('a damaged check, a torn line and a line written before report schema 2 are listed, the rest kept', () => {
    const checksFile = join(data, 'history.json');
    const checks = JSON.parse(readFileSync(checksFile, 'utf8')) as unknown[];
    writeFileSync(checksFile, JSON.stringify([checks[0], { at: 42, summary: 'torn' }, ...checks.slice(1)]));
    const old = { v: 1, time: '2026-05-20T03:00:00.000Z', type: 'verdict', planId: 'p-old', findingId: 'banned-app:0123456789abcdef', plan: { key: 'bannedApp:installed.title', params: { app: 'Zoom' } }, outcome: 'removed', evidenceBefore: [{ kind: 'package', detail: 'dpkg zoom', data: { owner: 'dpkg:zoom' } }], evidenceAfter: [] };
    appendFileSync(join(data, 'audit.log'), `{"torn\n${JSON.stringify(old)}\n`);
    const { code, doc, issues } = history();
    expect(issues).toEqual([]);
    expect(code).toBe(0);
    expect(doc.checks.skipped).toEqual([{ n: 2, reason: expect.any(String) }]);
    expect(doc.corrupt).toEqual([{ line: expect.any(Number), reason: expect.any(String) }]);
    expect(doc.entries.at(-1)).toMatchObject({ planId: 'p-old', evidenceBefore: [{ data: { owner: 'dpkg:zoom' } }] });
  });

  it('an audit log that cannot be read (a folder in its place): the reason, exit 3, still the schema', () => {
    const log = join(data, 'audit.log');
    rmSync(log);
    mkdirSync(log);
    const { code, doc, issues } = history();
    expect(issues).toEqual([]);
    expect(code).toBe(3);
    expect(doc).toMatchObject({ entries: [], error: expect.any(String), reason: { key: expect.any(String) } });
    rmSync(log, { recursive: true });
  });

  it('the schema refuses the real document with a field it does not know, at any level, or another version', () => {
    writeFileSync(join(data, 'audit.log'), `${JSON.stringify({ v: 1, time: '2026-05-20T03:00:00.000Z', type: 'step', planId: 'p', findingId: 'f', plan: { key: 'fix:plan' }, outcome: 'ok', evidenceBefore: [] })}\n`);
    const { doc, issues } = history();
    expect(issues).toEqual([]);
    const [check] = doc.checks.entries;
    const wrong: Array<[string, unknown]> = [
      ['(document)', { ...doc, extra: 1 }],
      ['schemaVersion', { ...doc, schemaVersion: HISTORY_JSON_VERSION + 1 }],
      ['entries.0', { ...doc, entries: [{ ...doc.entries[0], extra: 1 }] }],
      ['checks.entries.0', { ...doc, checks: { ...doc.checks, entries: [{ ...check, owner: 'an' }, ...doc.checks.entries.slice(1)] } }],
      ['checks.entries.0.changes', { ...doc, checks: { ...doc.checks, entries: [{ ...check, changes: undefined }, ...doc.checks.entries.slice(1)] } }],
    ];
    for (const [where, value] of wrong) {
      const v = validateHistoryDocument(value);
      expect(v.ok, where).toBe(false);
      if (!v.ok) expect(v.issues.join('\n'), where).toContain(where);
    }
  });
});
