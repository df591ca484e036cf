/**
 * The preview's recorded scenarios (scripts/preview/record.ts) are what the engine makes on recorded PCs: every
 * report is a valid Report (src/core/report-schema.ts), every text a key both languages have, and each
 * scenario shows what its name says. A changed engine changes them with it; nothing here is written by hand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => ({ ipcMain: {} }));
import { validateReport } from '../../src/core/report-schema';
import type { Message } from '../../src/shared/finding';
import { recordScenarios } from '../../scripts/preview/record';
import type { Scenario } from '../../scripts/preview/scenario';
import { fakeBridge } from '../../scripts/preview/fake-bridge';
import { appRemovalItems } from '../../src/shared/fix';

const root = join(__dirname, '..', '..');
let scenarios: readonly Scenario[] = [];
const byId = (id: string): Scenario => scenarios.find((s) => s.id === id)!;

/** Every key of a language, as `ns:dotted.key`. */
function keysOf(lang: string): Set<string> {
  const out = new Set<string>();
  const walk = (ns: string, prefix: string, v: unknown): void => {
    if (typeof v === 'string') out.add(`${ns}:${prefix}`.replace(/_(one|other|zero|two|few|many)$/, ''));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(ns, prefix ? `${prefix}.${k}` : k, x);
  };
  for (const f of readdirSync(join(root, 'locales', lang))) walk(f.replace(/\.json$/, ''), '', JSON.parse(readFileSync(join(root, 'locales', lang, f), 'utf8')));
  return out;
}

/** Every message of a scenario: findings, plans, progress, results. */
function messagesOf(s: Scenario): Message[] {
  const reports = [s.report, ...Object.values(s.runs).map((r) => r.after)];
  const out: Message[] = [];
  for (const r of reports)
    for (const f of r.findings) {
      out.push(f.title, ...[f.detail, f.action, f.reason].filter((m): m is Message => m !== undefined));
      for (const e of f.evidence) if (e.label) out.push(e.label);
    }
  for (const p of Object.values(s.plans)) {
    if ('error' in p) out.push(p.error.message);
    else out.push(...p.plan.steps.map((x) => x.title), ...(p.plan.why ?? []), ...(p.plan.manual ?? []));
  }
  for (const r of Object.values(s.runs)) out.push(r.result.message, ...r.progress.flatMap((p) => (p.message ? [p.message] : [])));
  return out;
}

beforeAll(async () => {
  scenarios = await recordScenarios(root);
}, 120_000);

describe('the preview scenarios', () => {
  it('are all there, each report (and each report after a removal) valid against the report schema', () => {
    expect(scenarios.map((s) => s.id)).toEqual(['clean', 'zoom-per-user', 'zoom-machine-running', 'other-user', 'zoom-everywhere', 'os-eol', 'browsers', 'unknowns', 'removal-fails']);
    for (const s of scenarios)
      for (const r of [s.report, ...Object.values(s.runs).map((x) => x.after)]) {
        const v = validateReport(r);
        expect(v.ok ? [] : v.issues, s.id).toEqual([]);
      }
  });

  it('would be refused by the schema with a shape the engine does not make', () => {
    const r = byId('zoom-per-user').report;
    const f = r.findings[0]!;
    const owner = { ...r, findings: [{ ...f, evidence: [{ ...f.evidence[0]!, data: { owner: 'dpkg:zoom' } }] }, ...r.findings.slice(1)] };
    expect(validateReport(owner)).toMatchObject({ ok: false, issues: [expect.stringMatching(/^findings\.0\.evidence\.0\.data/)] });
    expect(validateReport({ ...r, summary: { ...r.summary, violation: 0 } })).toMatchObject({ ok: false });
    expect(validateReport({ ...r, extra: 1 })).toMatchObject({ ok: false });
  });

  it('say only what both languages have words for', () => {
    const vi = keysOf('vi');
    const en = keysOf('en');
    for (const s of scenarios)
      for (const m of messagesOf(s)) {
        expect(vi.has(m.key), `${s.id}: ${m.key} (vi)`).toBe(true);
        expect(en.has(m.key), `${s.id}: ${m.key} (en)`).toBe(true);
      }
  });

  it('show what their names say', () => {
    const statuses = (id: string) => byId(id).report.findings.map((f) => `${f.status} ${f.title.key}`);
    expect(byId('clean').report.findings.every((f) => f.status === 'ok')).toBe(true);
    expect(statuses('zoom-per-user')).toContain('violation bannedApp:installed.title');
    expect(statuses('zoom-machine-running')).toEqual(expect.arrayContaining(['violation bannedApp:installed.title', 'violation bannedApp:running.title']));
    expect(byId('other-user').report.findings.find((f) => f.status === 'violation')?.title).toMatchObject({ key: 'bannedApp:installed.titleOfUser', params: { product: 'Zoom 5.13.7', user: 'tran' } });
    expect(statuses('os-eol')).toContain('violation patch:eol.title');
    expect(byId('unknowns').report.summary.unknown).toBeGreaterThan(1);
    expect(byId('unknowns').report.findings.filter((f) => f.status === 'unknown').every((f) => f.reason)).toBe(true);
  });

  it('hold removals as the engine ran them: proven removed, left to the person, or failed with the code in words', () => {
    const runs = (id: string) => Object.values(byId(id).runs).map((r) => r.result);
    expect(runs('zoom-per-user')).toEqual([expect.objectContaining({ verdict: 'removed', resolved: true })]);
    expect(runs('zoom-machine-running')).toEqual([expect.objectContaining({ verdict: 'removed' })]);
    // Another account's install: a plan without steps, saying why, and nothing run.
    const other = Object.values(byId('other-user').plans)[0]!;
    expect('plan' in other && other.plan.steps.length === 0 && other.plan.why?.length).toBeTruthy();
    // It names the product as the finding's title does and the account, never the registry key or the SID of the account's hive.
    expect('plan' in other && other.plan.why?.[0]).toEqual({ key: 'fix:why.otherUser', params: { name: 'Zoom 5.13.7', user: 'tran' } });
    expect(runs('other-user')).toEqual([]);
    expect(runs('removal-fails')).toEqual([expect.objectContaining({ verdict: 'still-present', resolved: false, message: { key: 'fix:exit.msi.1603', params: { code: 1603 } } })]);
    // Remove all: the removals one after another on one PC, so the last check has only the one left to the person.
    const all = byId('zoom-everywhere');
    const last = Object.values(all.runs).at(-1)!.after;
    expect(last.findings.filter((f) => f.status === 'violation').map((f) => f.title.params?.user)).toEqual(['tran']);
  });

  it('plan «Gỡ bỏ toàn bộ» as the app does, the running Zoom an item of its own, so its button counts what the flow plans', async () => {
    const all = byId('zoom-everywhere');
    const api = fakeBridge({ scenario: all, language: 'vi', hold: false });
    const planned = await api.planAppFix('zoom');
    if (!planned.ok) throw new Error('no plan');
    const running = all.report.findings.find((f) => f.app === 'zoom' && f.evidence.some((e) => e.kind === 'process'))!;
    // Four items: the two installs the person can remove, the other account's (left to them) and the running Zoom, closed first.
    expect(planned.value.items.map((i) => i.findingId)).toHaveLength(4);
    expect(planned.value.items[0]).toMatchObject({ findingId: running.id, kind: 'close', steps: [expect.objectContaining({ closesApp: true })] });
    expect(planned.value.running).toBe(true);
    // The button's number (the renderer's appRemovalItems on the report) is the flow's, in every scenario.
    for (const s of scenarios) {
      const p = s.appPlans.zoom;
      const items = p && 'plan' in p ? p.plan.items.map((i) => i.findingId).sort() : [];
      expect(items, s.id).toEqual(appRemovalItems(s.report.findings, 'zoom').map((f) => f.id).sort());
    }
    // Its run: every item judged by the re-check, the one left to the person not run, and the report after it.
    const run = await api.runAppFix('zoom', planned.value.planId);
    if (!run.ok) throw new Error('no run');
    expect(run.value.items.map((i) => i.findingId).sort()).toEqual(planned.value.items.map((i) => i.findingId).sort());
    // Each item's kind came with it from the plan: the running Zoom's result is a close («Đã đóng»), the installs' are removals.
    expect(run.value.items.map((i) => [i.findingId, i.kind]).sort()).toEqual(planned.value.items.map((i) => [i.findingId, i.kind]).sort());
    expect(run.value.items.find((i) => i.findingId === running.id)).toMatchObject({ kind: 'close', verdict: 'removed' });
    expect(run.value.items.filter((i) => !i.resolved).map((i) => all.report.findings.find((f) => f.id === i.findingId)?.title.params?.user)).toEqual(['tran']);
    expect((await api.latestReport()).ok).toBe(true);
  });
});
