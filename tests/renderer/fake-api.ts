/** A fake `window.api` for renderer tests, typed against the same contract. Records calls. */
import builtinPolicy from '../../policies/cv-1981-ubnd-vhtt.json';
import { policyView, type PolicyDocument } from '../../src/shared/policy-view';
import type { AtttApi, EventChannels, IpcResult } from '../../src/shared/ipc-contract';
import type { Report } from '../../src/shared/report';
import type { Settings } from '../../src/shared/settings';
import type { FixProgress } from '../../src/shared/fix';

/** The checks of the app and the point each concerns, as src/core/checks/default-checks.ts makes them. */
export const FAKE_CHECKS = [
  { id: 'banned-app', advisoryPoint: 1 },
  { id: 'os-patch', advisoryPoint: 2 },
] as const;

const ok = <T,>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

/** Builds a fake api around a report; listeners can be fired through `emit`. */
export function fakeApi(report: Report | null, settings: Settings = { language: 'vi', intervalHours: 4, startAtLogin: false, notifications: true }, overrides: Partial<AtttApi> = {}) {
  const calls: string[] = [];
  const listeners: { [K in keyof EventChannels]: ((p: EventChannels[K]) => void)[] } = { 'report:updated': [], 'fix:progress': [], 'nav:open': [], 'settings:updated': [] };
  let current = settings;
  const on =
    <K extends keyof EventChannels>(k: K) =>
    (l: (p: EventChannels[K]) => void) => {
      listeners[k].push(l);
      return () => void listeners[k].splice(listeners[k].indexOf(l), 1);
    };
  const api: AtttApi = {
    latestReport: () => (calls.push('latestReport'), ok(report)),
    runCheck: () => (calls.push('runCheck'), report ? ok(report) : Promise.resolve({ ok: false, error: { code: 'failed', message: { key: 'ui:error.failed', params: { channel: 'check:run', message: 'x' } } } })),
    getSettings: () => ok(current),
    setSettings: (patch) => {
      calls.push(`setSettings:${JSON.stringify(patch)}`);
      current = { ...current, ...patch };
      return ok(current);
    },
    listHistory: () =>
      ok(report ? [{ at: report.generatedAt, summary: report.summary, durationMs: 1, findings: report.findings.filter((f) => f.status !== 'ok').map((f) => ({ id: f.id, status: f.status, title: f.title })) }] : []),
    // The built-in Công văn as main serves it, with the app's two checks (banned apps: point 1; patches: point 2).
    getPolicy: () => ok(policyView(builtinPolicy as PolicyDocument, FAKE_CHECKS)),
    planFix: (findingId) => (calls.push(`planFix:${findingId}`), Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } })),
    runFix: () => Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } }),
    planAppFix: (appId) => (calls.push(`planAppFix:${appId}`), Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } })),
    runAppFix: () => Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } }),
    closeApp: (appId) => (calls.push(`closeApp:${appId}`), Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } })),
    pauseNotifications: (d) => (calls.push(`pause:${d}`), ok({ pausedUntil: d === 'off' ? null : '2026-05-21T01:00:00.000Z' })),
    notificationState: () => ok({ pausedUntil: null }),
    snoozeFinding: (findingId) => (calls.push(`snooze:${findingId}`), ok({ findingId, snoozedUntil: '2026-05-21T03:04:05.000Z' })),
    openLink: () => ok(false),
    appProblems: () => ok([]),
    onReportUpdated: on('report:updated'),
    onFixProgress: on('fix:progress'),
    onNavigate: on('nav:open'),
    onSettingsUpdated: on('settings:updated'),
    ...overrides,
  };
  return {
    api,
    calls,
    emit<K extends keyof EventChannels>(k: K, p: EventChannels[K]) {
      for (const l of listeners[k]) l(p);
    },
    progress(p: FixProgress) {
      for (const l of listeners['fix:progress']) l(p);
    },
  };
}
