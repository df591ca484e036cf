/**
 * The app's state in main, without Electron: runs checks (one at a time), keeps the last report,
 * the history, the settings and the notification state in their files, and tells listeners
 * (tray, notifier, window) what changed. src/main/index.ts wires it to Electron.
 */
import { EventEmitter } from 'node:events';
import type { Message } from '../shared/finding';
import type { AppFixPlanView, AppFixResultView, CloseResultView, FixPlanView, FixProgress, FixResultView } from '../shared/fix';
import { historyEntry, type HistoryEntry } from '../shared/history';
import type { PauseDuration, PauseState, SnoozeState } from '../shared/ipc-contract';
import type { Report } from '../shared/report';
import type { Settings } from '../shared/settings';
import { overlayReport } from '../core/overlay-report';
import type { OrgChoices } from '../core/policy/policy-in-force';
import { HISTORY_LIMIT, openStores, type AppStores } from './app-stores';
import { appResultView, findingVerdict, type AppFixService, type FixService } from './fix-service';
import { AppError } from './ipc-main';
import { settingsSchema } from './ipc-schemas';
import { decide, nextWake, notificationContent, pause, snooze, SNOOZE_MS, type NotificationContent } from './notifications';
import { ProblemLog, writeFailure } from './problem-log';
import { choose, settingsOf, upgradeSettings, type StoredSettings } from './settings-file';
import type { CorruptFile, JsonStore } from './state-store';
import { WakeTimer } from './wake-timer';

/** What the controller needs: where its files live, the clock, the check, the removal service, and timers. */
export interface ControllerDeps {
  readonly dataDir: string;
  readonly now: () => number;
  /** Runs the checks: all of them, or only the one named (the tray's frequent banned-app check). */
  readonly runChecks: (only?: string) => Promise<Report>;
  readonly fixer: FixService;
  /** The removal of a whole banned app and its closing; without it those requests say they are not available. */
  readonly appFixer?: AppFixService;
  /** Timers for the end of a pause or a snooze; Node's by default. */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** What the organisation's policy decided (default language, longest interval, notifications locked on); none: the person's settings alone. */
  readonly orgChoices?: () => OrgChoices;
}

/** Events the controller emits. */
export interface ControllerEvents {
  /** The report to show, and the ids of the checks that ran for it (the rest kept from their last run). */
  report: [Report, readonly string[]];
  checking: [boolean];
  fixing: [boolean];
  fixProgress: [FixProgress];
  settings: [Settings];
  pause: [PauseState];
  notify: [NotificationContent];
  problem: [CorruptFile];
}

/** Whether two history entries hold the same findings with the same statuses. */
function sameFindings(a: HistoryEntry, b: HistoryEntry | undefined): boolean {
  const key = (e: HistoryEntry): string => e.findings.map((f) => `${f.id}=${f.status}`).sort().join('\n');
  return b !== undefined && key(a) === key(b);
}

/** Holds and changes the app's state; see the file comment. */
export class AppController extends EventEmitter<ControllerEvents> {
  private readonly stores: AppStores;
  private readonly problems = new ProblemLog((p) => this.emit('problem', p));
  private report: Report | null;
  private current: Settings;
  private stored: StoredSettings;
  private checking: { readonly promise: Promise<Report>; readonly only: string | undefined } | null = null;
  private fixingId: string | null = null;
  private readonly wake: WakeTimer;

  constructor(private readonly deps: ControllerDeps) {
    super();
    this.stores = openStores(deps.dataDir, (p) => this.problems.add(p));
    // A file of an older version is upgraded once and written back: its old defaults become today's, the person's choices stay.
    const { stored, upgraded } = upgradeSettings(this.stores.settings.read(), { loginNoticeShown: this.stores.app.read().loginNoticeShownAt !== null });
    this.stored = stored;
    this.current = settingsOf(stored);
    if (upgraded) this.save(this.stores.settings, stored);
    this.report = this.stores.lastReport.read();
    this.wake = new WakeTimer({
      now: deps.now,
      setTimer: deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref()), // never what keeps a process alive
      clearTimer: deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)),
    });
    this.planWake(); // a pause or snooze from the last session still ends on time
  }

  /** Stops the controller's timer (on quit). */
  dispose(): void {
    this.wake.cancel();
  }

  /** The last report, from this session or the previous one; null when no check ever ran. */
  latestReport(): Report | null {
    return this.report;
  }

  /** Whether a removal is running (the tray shows "fixing"). */
  get fixing(): boolean {
    return this.fixingId !== null;
  }

  /**
   * Runs every check, or only the one named (its findings laid over the last report's others). One at a
   * time: a call while a check runs that covers it gets the same result; a full check asked for while a
   * partial one runs starts when that one ends.
   */
  runCheck(only?: string): Promise<Report> {
    const running = this.checking;
    if (running) {
      if (running.only === undefined || running.only === only) return running.promise;
      return running.promise.catch(() => undefined).then(() => this.runCheck(only));
    }
    const promise = this.deps
      .runChecks(only)
      .then((report) => this.accept(report))
      .finally(() => {
        this.checking = null;
        this.emit('checking', false);
      });
    this.checking = { promise, only };
    // Told once isChecking is true, so the tray shows "checking" (it asks isChecking when it redraws).
    this.emit('checking', true);
    return promise;
  }

  /** Whether a check is running now. */
  get isChecking(): boolean {
    return this.checking !== null;
  }

  private accept(fresh: Report): Report {
    const ran = fresh.checks ?? [...new Set(fresh.findings.map((f) => f.check))];
    const report = overlayReport(this.report, fresh);
    this.report = report;
    this.save(this.stores.lastReport, report);
    const entry = historyEntry(report);
    const past = this.stores.history.read();
    // The frequent banned-app runs enter the history only when they found something else than the last entry
    // says, so 200 entries still cover weeks of checks, not four days of "nothing new".
    const partial = ran.length < (report.checks?.length ?? 0);
    if (!partial || !sameFindings(entry, past[0])) this.save(this.stores.history, [entry, ...past].slice(0, HISTORY_LIMIT));
    this.emit('report', report, ran);
    this.notifyFrom(report);
    return report;
  }

  /** Decides on the findings of a report, saves the state, says what is due, and plans the next wake-up. */
  private notifyFrom(report: Report): void {
    const decision = decide(report.findings, this.stores.notify.read(), this.deps.now(), this.settings().notifications);
    this.save(this.stores.notify, decision.state);
    const content = notificationContent(decision, report.policy.number);
    if (content) this.emit('notify', content);
    this.planWake();
  }

  /** Sets the timer for the end of the pause or of the nearest snooze: what they held back is shown then, not at the next check. */
  planWake(): void {
    this.wake.set(nextWake(this.stores.notify.read(), this.deps.now()), () => {
      if (this.report) this.notifyFrom(this.report);
      else this.planWake();
      this.emit('pause', this.pauseState());
    });
  }

  /** A failed write must not lose the result on screen (the store keeps it in memory); it is reported once. */
  private save<T>(store: JsonStore<T>, value: T): void {
    try {
      store.write(value);
    } catch (e) {
      this.problems.add({ file: store.path, movedTo: null, reason: writeFailure(e) });
    }
  }

  /**
   * The settings in force: the person's, with the organisation's choices over them — its language until the person
   * chooses one, its longest interval, notifications on when it does not let them be turned off.
   */
  settings(): Settings {
    const org = this.deps.orgChoices?.();
    const s = this.current;
    if (!org) return s;
    return {
      ...s,
      ...(org.defaultLanguage && !this.stored.chosen.includes('language') ? { language: org.defaultLanguage } : {}),
      ...(org.fullCheckHours !== null && s.intervalHours > org.fullCheckHours ? { intervalHours: org.fullCheckHours } : {}),
      ...(org.usersMayTurnOffNotifications ? {} : { notifications: true }),
    };
  }

  /** Changes some settings (already validated by the IPC layer, re-checked here as a whole); each one set is recorded as the person's choice. */
  setSettings(patch: Partial<Settings>): Settings {
    const org = this.deps.orgChoices?.();
    // What the organisation decided is refused with its reason, never silently undone.
    if (org && !org.usersMayTurnOffNotifications && patch.notifications === false) throw new AppError('invalid-request', { key: 'policy:window.notificationsLocked' });
    if (org?.fullCheckHours != null && patch.intervalHours !== undefined && patch.intervalHours > org.fullCheckHours) {
      throw new AppError('invalid-request', { key: 'policy:window.intervalCapped', params: { count: org.fullCheckHours } });
    }
    const next = settingsSchema.parse({ ...this.current, ...patch });
    this.current = next;
    this.stored = choose(this.stored, next, patch);
    this.save(this.stores.settings, this.stored);
    this.emit('settings', this.settings());
    return this.settings();
  }

  /** The organisation's policy changed (read for the first time, deployed, replaced, refused): the settings in force may have too. */
  organisationChanged(): void {
    this.emit('settings', this.settings());
  }

  /** Past checks, newest first. */
  history(limit = 50): readonly HistoryEntry[] {
    return this.stores.history.read().slice(0, limit);
  }

  /** Pauses notifications for an hour or until tomorrow morning, or ends the pause; survives restarts. */
  pauseNotifications(duration: PauseDuration): PauseState {
    if (duration !== 'off' && this.deps.orgChoices?.().usersMayTurnOffNotifications === false) throw new AppError('invalid-request', { key: 'policy:window.notificationsLocked' });
    const state = pause(this.stores.notify.read(), duration, this.deps.now());
    this.save(this.stores.notify, state);
    if (duration === 'off' && this.report) this.notifyFrom(this.report); // back on: what was held back is due now
    else this.planWake();
    const result = this.pauseState();
    this.emit('pause', result);
    return result;
  }

  /** "Nhắc lại sau": no reminder about this finding for a day, then one reminder. */
  snoozeFinding(findingId: string): SnoozeState {
    const finding = this.findingOrThrow(findingId);
    const until = this.deps.now() + SNOOZE_MS;
    this.save(this.stores.notify, snooze(this.stores.notify.read(), finding, until, this.deps.now()));
    this.planWake();
    return { findingId, snoozedUntil: new Date(until).toISOString() };
  }

  /** Until when notifications are paused. */
  pauseState(): PauseState {
    const until = this.stores.notify.read().pausedUntil;
    return { pausedUntil: until !== null && until > this.deps.now() ? new Date(until).toISOString() : null };
  }

  /** Whether the first start's notice "starts at login, turn it off here" is due: on, and never said before. */
  loginNoticeDue(): boolean {
    return this.current.startAtLogin && this.stores.app.read().loginNoticeShownAt === null;
  }

  /** Remembers that the login notice was shown, so it is never shown again. */
  loginNoticeShown(): void {
    this.save(this.stores.app, { ...this.stores.app.read(), loginNoticeShownAt: this.deps.now() });
  }

  /** Records a problem with a file the app writes besides its state (e.g. the Linux autostart entry); told once. */
  reportProblem(p: CorruptFile): void {
    this.problems.add(p);
  }

  /** State files that were corrupt or could not be written, as messages for the window. */
  problemMessages(): readonly Message[] {
    return this.problems.messages();
  }

  /** The removal plan for a finding of the last report. */
  async planFix(findingId: string): Promise<FixPlanView> {
    return this.deps.fixer.plan(this.findingOrThrow(findingId));
  }

  /**
   * Runs a removal, shows "fixing" meanwhile, then checks again in full. Whether the finding is gone
   * is the core's verdict (every plan proven `removed`), never merely "its id is not in the new report":
   * a re-check that could not look leaves only an `unknown`, which proves nothing.
   */
  async runFix(findingId: string, planId: string): Promise<FixResultView> {
    const finding = this.findingOrThrow(findingId);
    if (this.fixingId) throw new AppError('busy', { key: 'ui:error.fixBusy' });
    this.fixingId = findingId;
    this.emit('fixing', true);
    try {
      const outcome = await this.deps.fixer.run(finding, planId, (p) => this.emit('fixProgress', p));
      this.fixingId = null; // the re-check below must show the real colour, not "fixing"
      this.emit('fixing', false);
      const after = await this.checkAfterChange();
      let verdict = findingVerdict(outcome.verdicts);
      let message = outcome.message;
      // The full check saw it again after the engine's re-check: trust the newer look.
      if (verdict === 'removed' && after.findings.some((f) => f.id === findingId && (f.status === 'violation' || f.status === 'warning'))) {
        verdict = 'still-present';
        message = { key: 'fix:why.stillThere' };
      }
      const resolved = verdict === 'removed';
      return { findingId, kind: outcome.kind, ok: outcome.ok && resolved, resolved, verdict, message, ...(outcome.warning ? { warning: outcome.warning } : {}) };
    } finally {
      if (this.fixingId) {
        this.fixingId = null;
        this.emit('fixing', false);
      }
    }
  }

  private appFixerOrThrow(): AppFixService {
    if (!this.deps.appFixer) throw new AppError('not-available', { key: 'ui:error.noPlan' });
    return this.deps.appFixer;
  }

  /** The removal plan for every finding of one banned app, from one fresh check. */
  async planAppFix(appId: string): Promise<AppFixPlanView> {
    return this.appFixerOrThrow().planApp(appId);
  }

  /** Shows "fixing" while `work` runs (one removal at a time), then checks again in full. */
  private async changing<T>(id: string, work: () => Promise<T>): Promise<{ readonly value: T; readonly after: Report }> {
    if (this.fixingId) throw new AppError('busy', { key: 'ui:error.fixBusy' });
    this.fixingId = id;
    this.emit('fixing', true);
    try {
      const value = await work();
      this.fixingId = null; // the re-check below must show the real colour, not "fixing"
      this.emit('fixing', false);
      return { value, after: await this.checkAfterChange() };
    } finally {
      if (this.fixingId) {
        this.fixingId = null;
        this.emit('fixing', false);
      }
    }
  }

  /**
   * Runs a whole app's removal (the app closed once, one re-check in the engine), then checks again in full;
   * each item's verdict is the core's, made worse when the full check still sees that finding.
   */
  async runAppFix(appId: string, planId: string): Promise<AppFixResultView> {
    const fixer = this.appFixerOrThrow();
    const { value, after } = await this.changing(`app:${appId}`, () => fixer.runApp(appId, planId, (p) => this.emit('fixProgress', p)));
    return appResultView(appId, value, after);
  }

  /** «Đóng <ứng dụng>»: closes the running app (nothing removed), then checks again in full. */
  async closeApp(appId: string): Promise<CloseResultView> {
    const fixer = this.appFixerOrThrow();
    const { value } = await this.changing(`close:${appId}`, () => fixer.closeApp(appId, (p) => this.emit('fixProgress', p)));
    return { appId, ...value };
  }

  /**
   * A check that surely started after a change to the machine: a check already running (say, the
   * scheduled one) looked before the change, so wait for it and start a fresh one. A check started
   * by someone else meanwhile began after the change, so it is fresh too.
   */
  private async checkAfterChange(): Promise<Report> {
    const stale = this.checking;
    if (stale) await stale.promise.catch(() => undefined);
    return this.runCheck();
  }

  private findingOrThrow(findingId: string) {
    const f = this.report?.findings.find((x) => x.id === findingId);
    if (!f) throw new AppError('invalid-request', { key: 'ui:error.unknownFinding', params: { id: findingId } });
    return f;
  }
}
