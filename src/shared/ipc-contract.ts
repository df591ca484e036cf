/**
 * The one IPC contract between the renderer and main: every channel once, with its request and
 * response types. Main handles them through src/main/ipc-main.ts, the preload calls them through
 * src/preload/ipc-renderer.ts; nothing else touches Electron's IPC. Main validates every request
 * (src/main/ipc-schemas.ts) and answers with an IpcResult, never a thrown error.
 */
import type { AdvisoryPoint, Message } from './finding';
import type { AppFixPlanView, AppFixResultView, CloseResultView, FixPlanView, FixProgress, FixResultView } from './fix';
import type { HistoryEntry } from './history';
import type { Citation, LocalizedText, Report } from './report';
import type { Settings } from './settings';
import type { OrgPolicyView } from './org-policy';

/** The advisory as the "Công văn 1981/UBND-VHTT" page shows it. */
export interface PolicyView {
  readonly id: string;
  readonly number: string;
  readonly date: string;
  readonly issuer: LocalizedText;
  readonly title: LocalizedText;
  /** Each point with the ids of the checks that concern it: none means the assistant cannot check that point yet. */
  readonly points: readonly { readonly n: AdvisoryPoint; readonly text: LocalizedText; readonly checks: readonly string[] }[];
  /** The risks the document itself names, in its own words. */
  readonly risks: readonly { readonly id: string; readonly text: LocalizedText }[];
  readonly citations: readonly Citation[];
  /** The organisation's policy over it (absent before the app has looked for one). */
  readonly organisation?: OrgPolicyView;
}

/** How long the tray or the settings page pauses notifications. */
export type PauseDuration = 'hour' | 'tomorrow' | 'off';

/** Notification pause state as the settings page shows it. */
export interface PauseState {
  /** ISO time until which notifications are held back; null when not paused. */
  readonly pausedUntil: string | null;
}

/** A finding held back from notifications ("Nhắc lại sau"), and until when. */
export interface SnoozeState {
  readonly findingId: string;
  /** ISO time at which it is reminded again. */
  readonly snoozedUntil: string;
}

/** Why a request failed: a code for programs and a message for people. */
export interface IpcError {
  readonly code: 'invalid-request' | 'not-available' | 'busy' | 'failed';
  readonly message: Message;
}

/** Every answer from main: a value or a clear error. */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

/** The screens of the window, for navigation requests from main (tray, notification click). */
export type Page = 'findings' | 'advisory' | 'fix' | 'history' | 'settings';

/** A control a navigation request brings into view and focuses (the first start's login notice: the start-at-login checkbox). */
export type FocusTarget = 'start-at-login';

/** Where main asks the window to go: a page, and on it a finding's card or a control. */
export interface NavTarget {
  readonly page: Page;
  readonly findingId?: string;
  readonly focus?: FocusTarget;
}

/** Request/response channels (renderer -> main, ipcRenderer.invoke / ipcMain.handle). */
export interface InvokeChannels {
  'report:latest': { readonly request: void; readonly response: Report | null };
  'check:run': { readonly request: void; readonly response: Report };
  'settings:get': { readonly request: void; readonly response: Settings };
  'settings:set': { readonly request: Partial<Settings>; readonly response: Settings };
  'history:list': { readonly request: { readonly limit?: number }; readonly response: readonly HistoryEntry[] };
  'policy:get': { readonly request: void; readonly response: PolicyView };
  'fix:plan': { readonly request: { readonly findingId: string }; readonly response: FixPlanView };
  'fix:run': { readonly request: { readonly findingId: string; readonly planId: string }; readonly response: FixResultView };
  /** Every finding of one banned app, planned from one check (the «Gỡ bỏ toàn bộ» flow). */
  'fix:plan-app': { readonly request: { readonly appId: string }; readonly response: AppFixPlanView };
  /** Runs that plan: the app closed once, each item, one re-check; a result per item. */
  'fix:run-app': { readonly request: { readonly appId: string; readonly planId: string }; readonly response: AppFixResultView };
  /** «Đóng <ứng dụng>»: closes the running app (nothing removed), then checks again. */
  'fix:close-app': { readonly request: { readonly appId: string }; readonly response: CloseResultView };
  'notifications:pause': { readonly request: { readonly duration: PauseDuration }; readonly response: PauseState };
  'notifications:state': { readonly request: void; readonly response: PauseState };
  /** "Nhắc lại sau": no reminder about one finding for a day, then one. */
  'notifications:snooze': { readonly request: { readonly findingId: string }; readonly response: SnoozeState };
  'link:open': { readonly request: { readonly url: string }; readonly response: boolean };
  /** Problems with the app's own state files (a corrupt file moved aside), to show, not to hide. */
  'app:problems': { readonly request: void; readonly response: readonly Message[] };
}

/** Events main pushes to the renderer (webContents.send / ipcRenderer.on). */
export interface EventChannels {
  'report:updated': Report;
  'fix:progress': FixProgress;
  'nav:open': NavTarget;
  'settings:updated': Settings;
}

/** A request/response channel name. */
export type InvokeChannel = keyof InvokeChannels;
/** An event channel name. */
export type EventChannel = keyof EventChannels;
/** The request type of a channel. */
export type RequestOf<C extends InvokeChannel> = InvokeChannels[C]['request'];
/** The response type of a channel. */
export type ResponseOf<C extends InvokeChannel> = InvokeChannels[C]['response'];

/** Every request/response channel name, once (checked against the contract at compile time). */
export const INVOKE_CHANNELS = [
  'report:latest',
  'check:run',
  'settings:get',
  'settings:set',
  'history:list',
  'policy:get',
  'fix:plan',
  'fix:run',
  'fix:plan-app',
  'fix:run-app',
  'fix:close-app',
  'notifications:pause',
  'notifications:state',
  'notifications:snooze',
  'link:open',
  'app:problems',
] as const satisfies readonly InvokeChannel[];

/** Every event channel name, once. */
export const EVENT_CHANNELS = ['report:updated', 'fix:progress', 'nav:open', 'settings:updated'] as const satisfies readonly EventChannel[];

/** Removes a listener added by one of the `on...` verbs. */
export type Unsubscribe = () => void;

/** What the preload exposes as `window.api`: named verbs only, one per channel. */
export interface AtttApi {
  latestReport(): Promise<IpcResult<Report | null>>;
  runCheck(): Promise<IpcResult<Report>>;
  getSettings(): Promise<IpcResult<Settings>>;
  setSettings(patch: Partial<Settings>): Promise<IpcResult<Settings>>;
  listHistory(limit?: number): Promise<IpcResult<readonly HistoryEntry[]>>;
  getPolicy(): Promise<IpcResult<PolicyView>>;
  planFix(findingId: string): Promise<IpcResult<FixPlanView>>;
  runFix(findingId: string, planId: string): Promise<IpcResult<FixResultView>>;
  planAppFix(appId: string): Promise<IpcResult<AppFixPlanView>>;
  runAppFix(appId: string, planId: string): Promise<IpcResult<AppFixResultView>>;
  closeApp(appId: string): Promise<IpcResult<CloseResultView>>;
  pauseNotifications(duration: PauseDuration): Promise<IpcResult<PauseState>>;
  notificationState(): Promise<IpcResult<PauseState>>;
  snoozeFinding(findingId: string): Promise<IpcResult<SnoozeState>>;
  openLink(url: string): Promise<IpcResult<boolean>>;
  appProblems(): Promise<IpcResult<readonly Message[]>>;
  onReportUpdated(listener: (report: Report) => void): Unsubscribe;
  onFixProgress(listener: (progress: FixProgress) => void): Unsubscribe;
  onNavigate(listener: (target: EventChannels['nav:open']) => void): Unsubscribe;
  onSettingsUpdated(listener: (settings: Settings) => void): Unsubscribe;
}
