/**
 * The preview's `window.api` (browser side, bundled on its own by server.ts; never part of out/renderer): the
 * same typed verbs the preload exposes (src/shared/ipc-contract.ts), answered from a recorded scenario
 * (record.ts) that the server puts in `window.__PREVIEW__` first. A removal replays the progress main pushed
 * and then its result, and the report becomes the check made after it. With `hold`, a removal stops after
 * its first step (at the start of the second) until `window.__previewRelease()` is called (a picture of the running step).
 * «Gỡ bỏ toàn bộ» answers with the whole-app plan and run main's own service recorded (the running app an item of its own).
 */
import type { Message } from '../../src/shared/finding';
import type { FixProgress } from '../../src/shared/fix';
import type { AtttApi, EventChannels, IpcResult } from '../../src/shared/ipc-contract';
import type { Report } from '../../src/shared/report';
import type { Settings, UiLanguage } from '../../src/shared/settings';
import type { Scenario } from './scenario';

/** What the server hands the page. */
export interface PreviewData {
  readonly scenario: Scenario;
  readonly language: UiLanguage;
  readonly hold: boolean;
}

/** The page's globals the preview uses (typed here: this file is checked with the Node project, without DOM types). */
const page = globalThis as unknown as { __PREVIEW__?: PreviewData; __previewRelease?: () => void; api?: AtttApi };

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
const fail = <T>(code: 'not-available' | 'failed', message: Message): Promise<IpcResult<T>> => Promise.resolve({ ok: false, error: { code, message } });
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The fake bridge over one scenario. */
export function fakeBridge(data: PreviewData): AtttApi {
  const { scenario } = data;
  let report: Report = scenario.report;
  let settings: Settings = { language: data.language, intervalHours: 4, startAtLogin: true, notifications: true };
  const listeners: { [K in keyof EventChannels]: Set<(p: EventChannels[K]) => void> } = {
    'report:updated': new Set(),
    'fix:progress': new Set(),
    'nav:open': new Set(),
    'settings:updated': new Set(),
  };
  const emit = <K extends keyof EventChannels>(k: K, p: EventChannels[K]): void => {
    for (const l of listeners[k]) l(p);
  };
  const on =
    <K extends keyof EventChannels>(k: K) =>
    (l: (p: EventChannels[K]) => void) => {
      listeners[k].add(l);
      return () => void listeners[k].delete(l);
    };
  const now = new Date(scenario.report.generatedAt).getTime();
  return {
    latestReport: () => ok(report),
    runCheck: async () => {
      await pause(300);
      return ok(report);
    },
    getSettings: () => ok(settings),
    setSettings: (patch) => {
      settings = { ...settings, ...patch };
      return ok(settings);
    },
    listHistory: () => ok(scenario.history),
    getPolicy: () => ok(scenario.policy),
    planFix: async (findingId) => {
      await pause(50);
      const p = scenario.plans[findingId];
      if (!p) return fail('not-available', { key: 'ui:error.noPlan' });
      return 'plan' in p ? ok(p.plan) : Promise.resolve({ ok: false as const, error: p.error });
    },
    runFix: async (findingId) => {
      const run = scenario.runs[findingId];
      if (!run) return fail('not-available', { key: 'ui:error.noPlan' });
      // Held: at the second step's start, with the first shown done (or at the first, when there is one step).
      const holdAt = Math.max(0, run.progress.findIndex((p, i) => i > 0 && p.state === 'running' && run.progress[i - 1]!.state === 'done'));
      for (const [i, p] of run.progress.entries()) {
        await pause(150);
        emit('fix:progress', p as FixProgress);
        if (data.hold && i === holdAt) await new Promise<void>((r) => (page.__previewRelease = r));
      }
      report = run.after;
      emit('report:updated', report);
      return ok(run.result);
    },
    // The whole app: the plan and the run main's whole-app service made on the recorded PC (record.ts), as they were.
    planAppFix: async (appId) => {
      await pause(50);
      const p = scenario.appPlans[appId];
      if (!p) return fail('not-available', { key: 'ui:error.noPlan' });
      return 'plan' in p ? ok(p.plan) : Promise.resolve({ ok: false as const, error: p.error });
    },
    runAppFix: async (appId) => {
      const run = scenario.appRuns[appId];
      if (!run) return fail('not-available', { key: 'ui:error.noPlan' });
      for (const p of run.progress) {
        await pause(150);
        emit('fix:progress', p as FixProgress);
      }
      report = run.after;
      emit('report:updated', report);
      return ok(run.result);
    },
    closeApp: () => fail('not-available', { key: 'fix:cli.recordedHost' }),
    pauseNotifications: (duration) => ok({ pausedUntil: duration === 'off' ? null : new Date(now + 3_600_000).toISOString() }),
    notificationState: () => ok({ pausedUntil: null }),
    snoozeFinding: (findingId) => ok({ findingId, snoozedUntil: new Date(now + 86_400_000).toISOString() }),
    openLink: () => ok(false),
    appProblems: () => ok([]),
    onReportUpdated: on('report:updated'),
    onFixProgress: on('fix:progress'),
    onNavigate: on('nav:open'),
    onSettingsUpdated: on('settings:updated'),
  };
}

// In the page: install it before the renderer's module script runs.
if (page.__PREVIEW__) page.api = fakeBridge(page.__PREVIEW__);
