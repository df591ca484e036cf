/** Wires the controller to Electron once the app is ready: tray, window, notifications, scheduler, IPC. */
import { join } from 'node:path';
import { app, powerMonitor, session, shell, utilityProcess } from 'electron';
import type { UiLanguage } from '../shared/settings';
import { AppController } from './app-controller';
import { makeCheckRunner, policyView } from './check-runner';
import { isRendererPage } from './csp';
import type { Host } from '../core/host/host';
import { builtinPolicy } from '../core/policy/policy';
import { memoWriterFor } from '../core/host/memo-writer';
import { loadPolicyInForce } from '../core/policy/policy-in-force';
import { killTree } from '../core/check-process/kill-tree';
import { coreAppFixService } from './core-app-fix-service';
import { coreFixService } from './core-fix-service';
import { findingsLogFor } from './findings-log';
import type { CorruptFile } from './state-store';
import { mainTranslator } from './i18n';
import { applyLoginItem, refreshLoginItem } from './login-item';
import { writeFailure } from './problem-log';
import { registerIpcHandlers, unregisterIpcHandlers } from './ipc-handlers';
import { send } from './ipc-main';
import { Notifier } from './notifier';
import { PolicyHolder } from './policy-holder';
import { scheduleChecks, type CheckSchedule } from './check-schedule';
import { AppTray } from './tray';
import { WakeChecks } from './wake-checks';
import { trayStateFor } from './tray-state';
import { AssistantWindow, defaultWindowPaths, hardenSession, rendererPage } from './windows';

/** Everything the running app holds on to. */
export interface RunningApp {
  readonly controller: AppController;
  readonly window: AssistantWindow;
  readonly tray: AppTray;
  readonly schedule: CheckSchedule;
}

/** Starts the tray app, looking at the machine through `host` and keeping its state in `dataDir`. */
export function startApp(dataDir: string, host: Host): RunningApp {
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const paths = defaultWindowPaths(__dirname, devServerUrl);
  const page = rendererPage(paths);
  hardenSession(session.defaultSession, page);
  // The checks run in a utility process (out/main/check-worker.js), so a slow or hung parse never freezes the tray.
  const quitting = new AbortController();
  // The organisation's policy (signed file, Group Policy), read again before each check; its changes reach the settings, tray and window.
  let policyChanged = (): void => undefined;
  const dataWriter = memoWriterFor(host, dataDir);
  const policy = new PolicyHolder(() => loadPolicyInForce(host, new Date(), undefined, dataWriter ? { dataWriter } : {}), () => policyChanged());
  const checkRunner = makeCheckRunner(dataDir, host, {
    signal: quitting.signal,
    // stderr inherited: a worker that crashes says why in the app's log (a terminal, journald).
    fork: (modulePath, options) => utilityProcess.fork(modulePath, [], { ...options, stdio: ['ignore', 'ignore', 'inherit'] }),
    modulePath: join(__dirname, 'check-worker.js'),
    env: process.env,
    killTree: (pid) => killTree(pid, process.env),
  }, () => policy.refresh());
  // Each check's ECS lines go to <dataDir>/logs/findings.ecs.ndjson for the fleet's shipper; the check never waits on it.
  // Both are set below, long before a check can end.
  let refreshTray = (): void => undefined;
  let reportProblem = (_p: CorruptFile): void => undefined;
  const findingsLog = findingsLogFor(dataDir, { translator: () => tr, onProblem: (p) => reportProblem(p), onChange: () => refreshTray() });
  const runChecks = (only?: string): ReturnType<typeof checkRunner> =>
    checkRunner(only).then((report) => {
      void findingsLog.append(report);
      return report;
    });
  const fixOptions = { host, policy: () => policy.current().policy, dataDir };
  const controller = new AppController({ dataDir, now: Date.now, runChecks, fixer: coreFixService(fixOptions), appFixer: coreAppFixService(fixOptions), orgChoices: () => policy.current().choices });
  policyChanged = () => controller.organisationChanged();
  reportProblem = (p) => controller.reportProblem(p);
  let tr = mainTranslator(controller.settings().language);
  const window = new AssistantWindow(paths, () => tr.t('ui:app.name'));
  const schedule = scheduleChecks(controller, {
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    bannedAppMinutes: () => policy.current().policy.schedule.bannedAppMinutes,
  });
  const tray = new AppTray(join(app.getAppPath(), 'assets'), {
    checkNow: () => void schedule.full.runNow(),
    openWindow: () => window.show(),
    pause: (d) => controller.pauseNotifications(d),
    setLanguage: (language: UiLanguage) => controller.setSettings({ language }),
    quit: () => app.quit(),
  });
  refreshTray = (): void =>
    tray.update(
      {
        state: trayStateFor(controller.latestReport(), controller.fixing, controller.isChecking),
        report: controller.latestReport(),
        checking: controller.isChecking,
        pausedUntil: controller.pauseState().pausedUntil,
        language: controller.settings().language,
        policyRefused: policy.current().provenance.refusals.length > 0,
        notificationsLocked: !policy.current().choices.usersMayTurnOffNotifications,
        ...(findingsLog.notice() ? { notice: tr.message(findingsLog.notice()!) } : {}),
      },
      tr,
    );
  const loginItemError = (file: string, e: unknown): void => controller.reportProblem({ file, movedTo: null, reason: writeFailure(e) });
  const notifier = new Notifier((findingId) => window.show('findings', findingId));

  controller.on('checking', refreshTray);
  controller.on('report', (report) => {
    refreshTray();
    const wc = window.webContents;
    if (wc) send(wc, 'report:updated', report);
  });
  controller.on('fixing', refreshTray);
  controller.on('fixProgress', (p) => {
    const wc = window.webContents;
    if (wc) send(wc, 'fix:progress', p);
  });
  controller.on('pause', refreshTray);
  controller.on('notify', (content) => notifier.show(content, tr));
  controller.on('problem', (p) => console.warn(`attt-selfcheck: state file problem: ${p.file}: ${p.reason}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`));
  controller.on('settings', (s) => {
    if (s.language !== tr.language) tr = mainTranslator(s.language);
    applyLoginItem(s.startAtLogin, loginItemError);
    schedule.full.reschedule();
    refreshTray();
    const wc = window.webContents;
    if (wc) send(wc, 'settings:updated', s);
  });

  registerIpcHandlers(controller, { policy: () => policyView(policy.current()), openExternal: (url) => shell.openExternal(url), trusted: (url) => isRendererPage(url, page) });
  const wake = new WakeChecks({ setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout), isChecking: () => controller.isChecking, onWake: () => schedule.onResume() });
  powerMonitor.on('resume', () => {
    controller.planWake(); // timers may have slept past the end of a pause or snooze
    wake.wake();
  });
  powerMonitor.on('unlock-screen', () => wake.wake());
  app.on('second-instance', () => window.show());
  app.on('before-quit', () => {
    window.allowClose();
    quitting.abort(); // a check still running is ended with the commands it started
    schedule.stop();
    wake.stop();
    controller.dispose();
    unregisterIpcHandlers();
    tray.destroy();
  });
  // A tray app: closing the window does not quit.
  app.on('window-all-closed', () => undefined);
  refreshTray();
  refreshLoginItem(controller.settings().startAtLogin, loginItemError);
  // Start at login is on by default: the first start says so once, with a one-click way to turn it off.
  if (controller.loginNoticeDue() && notifier.showLoginNotice(builtinPolicy().number, tr, { turnOff: () => controller.setSettings({ startAtLogin: false }), openSettings: () => window.show('settings', undefined, 'start-at-login') })) controller.loginNoticeShown();
  schedule.start();
  void policy.refresh(); // the window and tray learn the organisation's contact before the first check ends
  if (process.argv.includes('--show')) window.show();
  return { controller, window, tray, schedule };
}
