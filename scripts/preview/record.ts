/**
 * Records the preview's scenarios with the real engine: the checks on recorded Windows PCs (machines.ts), the
 * window's removal service (src/main/core-fix-service.ts) planning and running on them, and the result as the
 * controller makes it. Nothing here is a hand-written report, so the preview cannot drift from what the app shows.
 * A removal's commands are answered by the scenario (exit codes as Windows gives them); after one that
 * succeeds the PC is the one without that install, so the re-check proves the removal as it would.
 */
import { bannedAppCheck } from '../../src/core/checks/banned-app/banned-app-check';
import { windowsProbes } from '../../src/core/checks/banned-app/windows/windows-probes';
import type { Check } from '../../src/core/checks/check';
import { osPatchCheck } from '../../src/core/checks/os-patch/os-patch-check';
import { browserPatchCheck } from '../../src/core/checks/browser-patch/browser-patch-check';
import { parseCatalog } from '../../src/core/catalog/catalog-schema';
import { runChecks } from '../../src/core/engine';
import { FixtureHost } from '../../src/core/host/fixture-host';
import type { Host, RunOptions, RunResult } from '../../src/core/host/host';
import type { MutableHost } from '../../src/core/host/mutable-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { historyEntry } from '../../src/shared/history';
import { coreFixService } from '../../src/main/core-fix-service';
import { coreAppFixService } from '../../src/main/core-app-fix-service';
import { appResultView, findingVerdict } from '../../src/main/fix-service';
import { AppError } from '../../src/main/ipc-main';
import { STATUS_ORDER, type Finding } from '../../src/shared/finding';
import { isRemovalItem, type AppFixPlanView, type FixPlanView, type FixProgress, type FixResultView } from '../../src/shared/fix';
import type { IpcError } from '../../src/shared/ipc-contract';
import { policyView } from '../../src/shared/policy-view';
import type { LocalizedText, Report } from '../../src/shared/report';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { windowsPc, type MachineParts } from './machines';
import type { RecordedAppRun, RecordedRun, Scenario } from './scenario';

/** The moment every scenario is checked (the recorded catalog is of 18/07/2026). */
export const NOW = new Date('2026-08-01T08:00:00.000Z');
const DAY = 86_400_000;

/** A scenario to record: the PC, and the exit code its per-machine uninstall (msiexec) ends with (default 0). */
interface ScenarioSpec {
  readonly id: string;
  readonly title: LocalizedText;
  readonly pc: MachineParts;
  readonly msiExit?: number;
}

const CLEAN: MachineParts = {};

/** True when argv runs the program `re` names (directly or through the elevation prompt); reading its access list (icacls) is not running it. */
const is = (argv: readonly string[], re: RegExp): boolean => !/icacls\.exe$/i.test(argv[0] ?? '') && re.test(said(argv));

/** argv as one text, with the script of a PowerShell -EncodedCommand (the elevation prompt) decoded. */
function said(argv: readonly string[]): string {
  const i = argv.indexOf('-EncodedCommand');
  return i >= 0 && argv[i + 1] ? `${argv.slice(0, i).join(' ')} ${Buffer.from(argv[i + 1]!, 'base64').toString('utf16le')}` : argv.join(' ');
}

/** How Windows answers a removal's command on a PC with `parts`: its exit code, and the PC it leaves. */
function answer(spec: ScenarioSpec, argv: readonly string[], parts: MachineParts): { readonly exitCode: number; readonly then?: MachineParts } | undefined {
  const without = (who: 'mine' | 'tran' | 'machine'): MachineParts => ({ ...parts, zoom: (parts.zoom ?? []).filter((z) => z !== who) });
  if (is(argv, /taskkill/i)) return { exitCode: 0 };
  if (is(argv, /Users\\Nguyễn\\AppData\\Roaming\\Zoom\\uninstall\\Installer\.exe/i)) return { exitCode: 0, then: without('mine') };
  if (is(argv, /msiexec/i)) {
    const exitCode = spec.msiExit ?? 0;
    return exitCode === 0 ? { exitCode, then: { ...without('machine'), running: false } } : { exitCode };
  }
  return undefined;
}

/** The scenarios, in the order the index lists them. */
export const SCENARIOS: readonly ScenarioSpec[] = [
  { id: 'clean', title: { vi: 'Không phát hiện vấn đề', en: 'No finding' }, pc: CLEAN },
  { id: 'zoom-per-user', title: { vi: 'Zoom cài cho tài khoản đang dùng', en: 'Zoom installed for the signed-in account' }, pc: { zoom: ['mine'] } },
  { id: 'zoom-machine-running', title: { vi: 'Zoom cài cho cả máy và đang chạy', en: 'Zoom installed for the whole PC, and running' }, pc: { zoom: ['machine'], running: true } },
  { id: 'other-user', title: { vi: 'Zoom của tài khoản khác trên máy', en: "Another account's Zoom" }, pc: { zoom: ['tran'] } },
  { id: 'zoom-everywhere', title: { vi: 'Zoom ở nhiều nơi (gỡ bỏ toàn bộ)', en: 'Zoom in several places (remove all)' }, pc: { zoom: ['mine', 'machine', 'tran'], running: true } },
  { id: 'os-eol', title: { vi: 'Hệ điều hành đã hết hạn hỗ trợ', en: 'Operating system past its end of support' }, pc: { os: 'win10-22h2-pro-6456' } },
  { id: 'browsers', title: { vi: 'Trình duyệt chưa được cập nhật', en: 'Browsers not up to date' }, pc: { browsers: true } },
  { id: 'unknowns', title: { vi: 'Không kiểm tra được một số mục', en: 'Some checks could not look' }, pc: { blind: true } },
  { id: 'removal-fails', title: { vi: 'Gỡ bỏ không thành công (mã 1603)', en: 'A removal that fails (code 1603)' }, pc: { zoom: ['machine'] }, msiExit: 1603 },
];

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
/**
 * The findings the removal wizard offers, in its order (src/renderer/src/findings.ts sortFindings + canFix, which
 * the Node side cannot import; tests/e2e/preview.test.ts holds the two to the same order).
 */
export function offeredInOrder(findings: readonly Finding[]): Finding[] {
  return [...findings]
    .filter((f) => Boolean(f.remediation) && (f.status === 'violation' || f.status === 'warning'))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.id.localeCompare(b.id));
}

/** The recorded catalog the scenarios are judged with (frozen, so a refresh of data/catalog.json moves nothing). */
function catalogCheck(root: string): Check {
  const parsed = parseCatalog(JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'os-patch', 'catalog-2026-07-18.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`recorded catalog is invalid: ${parsed.issues.join('; ')}`);
  const catalog = parsed.catalog;
  return osPatchCheck({ catalog: async () => ({ catalog, origin: 'builtin', refusals: [] }) });
}

/**
 * The browser check on the recorded catalog with its browser part of July 2026 (Chrome and Edge as sourced then),
 * for the scenario whose PC has browsers; the other scenarios show the banned-app and OS checks as before.
 */
function browserCheck(root: string): Check {
  const doc = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'os-patch', 'catalog-2026-07-18.json'), 'utf8'));
  const part = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'browser-patch', 'catalog-browsers-2026-07.json'), 'utf8'));
  const parsed = parseCatalog({ ...doc, sources: [...doc.sources, ...part.sources], browsers: part.browsers });
  if (!parsed.ok) throw new Error(`recorded browser catalog is invalid: ${parsed.issues.join('; ')}`);
  const catalog = parsed.catalog;
  return browserPatchCheck({ catalog: async () => ({ catalog, origin: 'builtin', refusals: [] }) });
}

/** A Host that is one recorded PC until a removal command changes it into another; taskkill'd pids are gone. */
class ScenarioHost {
  private current: FixtureHost;
  private parts: MachineParts;
  private readonly killed = new Set<string>();
  constructor(
    private readonly root: string,
    private readonly spec: ScenarioSpec,
  ) {
    this.parts = spec.pc;
    this.current = new FixtureHost(windowsPc(root, spec.pc));
  }
  /** The Host the checks and the removal see. */
  host(): Host {
    const run = async (argv: readonly string[], options?: RunOptions): Promise<RunResult> => {
      const text = argv.join(' ');
      const pid = /\/FI PID eq (\d+)/.exec(text)?.[1];
      if (pid && /tasklist/i.test(text)) {
        const all = await this.current.run([...windowsPcTasklist(this.root)], options);
        const row = this.killed.has(pid) ? undefined : all.stdout.split(/\r?\n/).find((l) => l.split('","')[1] === pid);
        return { argv, exitCode: 0, signal: null, durationMs: 40, stdout: row ? `${row}\r\n` : 'INFO: No tasks are running which match the specified criteria.\r\n', stderr: '' };
      }
      const a = answer(this.spec, argv, this.parts);
      if (!a) return this.current.run(argv, options);
      const killedPid = /taskkill.*\/PID (\d+)/i.exec(text)?.[1];
      if (killedPid) this.killed.add(killedPid);
      if (a.then) {
        this.parts = a.then;
        this.current = new FixtureHost(windowsPc(this.root, a.then));
      }
      return { argv, exitCode: a.exitCode, signal: null, durationMs: 40, stdout: '', stderr: '' };
    };
    return new Proxy(this.current, {
      get: (_t, key) => {
        if (key === 'run') return run;
        const value = Reflect.get(this.current, key, this.current) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(this.current) : value;
      },
    }) as Host;
  }
}

/** The argv of the full tasklist the recorded PC answers (for one pid's row). */
function windowsPcTasklist(root: string): readonly string[] {
  return windowsPc(root, {}).commands!.find((c) => c.argv[0] === 'tasklist')!.argv;
}

/** A write door that changes nothing (the scenario's PC changes through its answers) and keeps the audit log in memory. */
function memoryMutable(): MutableHost {
  return {
    platform: 'win32',
    remove: async () => undefined,
    moveToTrash: async () => ({}),
    rename: async () => undefined,
    writeFileAtomic: async () => undefined,
    appendLine: async () => undefined,
    makeDir: async () => undefined,
  } as MutableHost;
}

/** Records one scenario. */
async function recordOne(root: string, spec: ScenarioSpec): Promise<Scenario> {
  const policy = builtinPolicy();
  const checks: readonly Check[] = [bannedAppCheck({ linux: [], darwin: [], win32: windowsProbes }), catalogCheck(root), ...(spec.pc.browsers ? [browserCheck(root)] : [])];
  const check = (host: Host, at: Date): Promise<Report> => runChecks({ host, policy, now: at }, { checks, clock: () => 0 }).then((r) => ({ ...r, durationMs: 1500 }));
  const report = await check(new FixtureHost(windowsPc(root, spec.pc)), NOW);
  const yesterday = await check(new FixtureHost(windowsPc(root, CLEAN)), new Date(NOW.getTime() - DAY));
  const plans: Record<string, { plan: FixPlanView } | { error: IpcError }> = {};
  const runs: Record<string, RecordedRun> = {};
  // As «Gỡ bỏ toàn bộ» does: every plan made first, then the removals one after another in the order the
  // window lists them, on one PC that each removal changes.
  const offered = offeredInOrder(report.findings);
  const pc = new ScenarioHost(root, spec);
  const host = pc.host();
  const fixer = coreFixService({ host, policy: () => policy, dataDir: 'C:\\Users\\Nguyễn\\AppData\\Roaming\\attt-selfcheck', now: () => NOW, mutable: memoryMutable() });
  for (const finding of offered) {
    try {
      plans[finding.id] = { plan: await fixer.plan(finding) };
    } catch (e) {
      // What main answers then (an AppError's code and words).
      if (!(e instanceof AppError)) throw e;
      plans[finding.id] = { error: { code: e.code, message: e.userMessage } };
    }
  }
  for (const finding of offered) {
    const p = plans[finding.id];
    if (!p || !('plan' in p) || p.plan.steps.length === 0) continue;
    const progress: FixProgress[] = [];
    const outcome = await fixer.run(finding, p.plan.planId, (x) => progress.push(x));
    const after = await check(host, NOW);
    // As the controller judges it (src/main/app-controller.ts runFix): the full check after has the last word.
    let verdict = findingVerdict(outcome.verdicts);
    let message = outcome.message;
    if (verdict === 'removed' && after.findings.some((f) => f.id === finding.id && (f.status === 'violation' || f.status === 'warning'))) {
      verdict = 'still-present';
      message = { key: 'fix:why.stillThere' };
    }
    const resolved = verdict === 'removed';
    const result: FixResultView = { findingId: finding.id, kind: outcome.kind, ok: outcome.ok && resolved, resolved, verdict, message, ...(outcome.warning ? { warning: outcome.warning } : {}) };
    runs[finding.id] = { progress, result, after };
  }
  const { appPlans, appRuns } = await recordAppFixes(root, spec, report, check);
  return {
    id: spec.id,
    title: spec.title,
    report,
    history: [historyEntry(report), historyEntry(yesterday)],
    policy: policyView(policy, checks),
    plans,
    runs,
    appPlans,
    appRuns,
  };
}

/**
 * As «Gỡ bỏ toàn bộ» does in the app: main's whole-app service (src/main/core-app-fix-service.ts, the core's
 * prepareAppFix) plans every banned app found, from its own check of the PC, and runs it on a PC of its own
 * (the per-finding removals above changed theirs); the result judged as the controller does (appResultView).
 */
async function recordAppFixes(root: string, spec: ScenarioSpec, report: Report, check: (host: Host, at: Date) => Promise<Report>): Promise<Pick<Scenario, 'appPlans' | 'appRuns'>> {
  const policy = builtinPolicy();
  const appPlans: Record<string, { plan: AppFixPlanView } | { error: IpcError }> = {};
  const appRuns: Record<string, RecordedAppRun> = {};
  const apps = [...new Set(report.findings.filter((f) => f.check === 'banned-app' && f.app && isRemovalItem(f)).map((f) => f.app!))];
  for (const appId of apps) {
    const host = new ScenarioHost(root, spec).host();
    const fixer = coreAppFixService({ host, policy: () => policy, dataDir: 'C:\\Users\\Nguyễn\\AppData\\Roaming\\attt-selfcheck', now: () => NOW, mutable: memoryMutable() });
    let plan: AppFixPlanView;
    try {
      plan = await fixer.planApp(appId);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      appPlans[appId] = { error: { code: e.code, message: e.userMessage } };
      continue;
    }
    appPlans[appId] = { plan };
    if (plan.items.length === 0) continue;
    const progress: FixProgress[] = [];
    const outcome = await fixer.runApp(appId, plan.planId, (x) => progress.push(x));
    const after = await check(host, NOW);
    appRuns[appId] = { progress, result: appResultView(appId, outcome, after), after };
  }
  return { appPlans, appRuns };
}

/** Records every scenario; `root` is the repository (its tests/fixtures). */
export async function recordScenarios(root: string): Promise<readonly Scenario[]> {
  const out: Scenario[] = [];
  for (const spec of SCENARIOS) out.push(await recordOne(root, spec));
  return out;
}
