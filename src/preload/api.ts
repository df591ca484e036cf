/** The verbs of `window.api`, one per channel of the contract, built on the typed IPC wrapper. */
import type { AtttApi } from '../shared/ipc-contract';
import { invoke, on } from './ipc-renderer';

/** Builds the object the preload exposes; plain functions only, so nothing of Electron leaks to the page. */
export function createApi(): AtttApi {
  return {
    latestReport: () => invoke('report:latest'),
    runCheck: () => invoke('check:run'),
    getSettings: () => invoke('settings:get'),
    setSettings: (patch) => invoke('settings:set', patch),
    listHistory: (limit) => invoke('history:list', limit === undefined ? {} : { limit }),
    getPolicy: () => invoke('policy:get'),
    planFix: (findingId) => invoke('fix:plan', { findingId }),
    runFix: (findingId, planId) => invoke('fix:run', { findingId, planId }),
    planAppFix: (appId) => invoke('fix:plan-app', { appId }),
    runAppFix: (appId, planId) => invoke('fix:run-app', { appId, planId }),
    closeApp: (appId) => invoke('fix:close-app', { appId }),
    pauseNotifications: (duration) => invoke('notifications:pause', { duration }),
    notificationState: () => invoke('notifications:state'),
    snoozeFinding: (findingId) => invoke('notifications:snooze', { findingId }),
    openLink: (url) => invoke('link:open', { url }),
    appProblems: () => invoke('app:problems'),
    onReportUpdated: (listener) => on('report:updated', listener),
    onFixProgress: (listener) => on('fix:progress', listener),
    onNavigate: (listener) => on('nav:open', listener),
    onSettingsUpdated: (listener) => on('settings:updated', listener),
  };
}
