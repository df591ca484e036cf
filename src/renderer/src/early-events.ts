/**
 * main's events listened to from the window's first script, before React's effects subscribe: main sends
 * `nav:open` (open at this finding) as soon as the page has loaded, which can come before the App's
 * useEffect has run, and Electron drops a message nobody listens to. The last message that came before a
 * listener is kept and given to the first one; after that, messages go straight through.
 */
import type { AtttApi, Unsubscribe } from '../../shared/ipc-contract';

type Subscribe<T> = (listener: (payload: T) => void) => Unsubscribe;

/** One event, listened to from now on; its last early message replayed to the first listener. */
export function earlyEvent<T>(subscribe: Subscribe<T>): Subscribe<T> {
  const listeners = new Set<(payload: T) => void>();
  let early: { readonly payload: T } | null = null;
  subscribe((payload) => {
    if (listeners.size === 0) early = { payload };
    else for (const l of [...listeners]) l(payload);
  });
  return (listener) => {
    listeners.add(listener);
    if (early) {
      const { payload } = early;
      early = null;
      listener(payload);
    }
    return () => {
      listeners.delete(listener);
    };
  };
}

/** The bridge with its state events (navigation, report, settings) listened to from the start. */
export function withEarlyEvents(api: AtttApi): AtttApi {
  return {
    ...api,
    onNavigate: earlyEvent(api.onNavigate),
    onReportUpdated: earlyEvent(api.onReportUpdated),
    onSettingsUpdated: earlyEvent(api.onSettingsUpdated),
  };
}
