/** Wires every request channel of the contract to the controller. Thin on purpose: logic lives in the controller and core. */
import { INVOKE_CHANNELS, type PolicyView } from '../shared/ipc-contract';
import type { AppController } from './app-controller';
import { isAllowedExternal } from './external-links';
import { handle, unhandle, type SenderCheck } from './ipc-main';

/** What the handlers need besides the controller. */
export interface HandlerDeps {
  readonly policy: () => PolicyView;
  readonly openExternal: (url: string) => Promise<void>;
  readonly trusted: SenderCheck;
}

/** Registers a handler for every request channel. */
export function registerIpcHandlers(c: AppController, deps: HandlerDeps): void {
  const { trusted } = deps;
  handle('report:latest', () => c.latestReport(), trusted);
  handle('check:run', () => c.runCheck(), trusted);
  handle('settings:get', () => c.settings(), trusted);
  handle('settings:set', (patch) => c.setSettings(patch), trusted);
  handle('history:list', (req) => c.history(req.limit), trusted);
  handle('policy:get', () => deps.policy(), trusted);
  handle('fix:plan', (req) => c.planFix(req.findingId), trusted);
  handle('fix:run', (req) => c.runFix(req.findingId, req.planId), trusted);
  handle('fix:plan-app', (req) => c.planAppFix(req.appId), trusted);
  handle('fix:run-app', (req) => c.runAppFix(req.appId, req.planId), trusted);
  handle('fix:close-app', (req) => c.closeApp(req.appId), trusted);
  handle('notifications:pause', (req) => c.pauseNotifications(req.duration), trusted);
  handle('notifications:state', () => c.pauseState(), trusted);
  handle('notifications:snooze', (req) => c.snoozeFinding(req.findingId), trusted);
  handle(
    'link:open',
    async (req) => {
      if (!isAllowedExternal(req.url)) return false;
      await deps.openExternal(req.url);
      return true;
    },
    trusted,
  );
  handle('app:problems', () => c.problemMessages(), trusted);
}

/** Removes every handler (on quit). */
export function unregisterIpcHandlers(): void {
  for (const ch of INVOKE_CHANNELS) unhandle(ch);
}
