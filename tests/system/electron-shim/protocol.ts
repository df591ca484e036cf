/** The control channel between a system test and the app process running on the shim (Node's fork IPC). */

/** A menu item as the shim records it (what Menu.buildFromTemplate was given, without the click functions). */
export interface RecordedMenuItem {
  readonly id?: string;
  readonly label?: string;
  readonly type?: string;
  readonly enabled: boolean;
  readonly checked?: boolean;
  readonly submenu?: readonly RecordedMenuItem[];
}

/** Something the app did through Electron, as the test hears it. */
export type ShimEvent =
  | { readonly type: 'app:ready' }
  | { readonly type: 'app:single-instance'; readonly locked: boolean }
  | { readonly type: 'app:quit' }
  | { readonly type: 'app:exit'; readonly code: number }
  | { readonly type: 'app:login-item'; readonly settings: unknown }
  | { readonly type: 'app:user-model-id'; readonly id: string }
  | { readonly type: 'tray:image'; readonly path: string; readonly empty: boolean; readonly template: boolean }
  | { readonly type: 'tray:tooltip'; readonly text: string }
  | { readonly type: 'tray:menu'; readonly items: readonly RecordedMenuItem[] }
  | { readonly type: 'tray:destroy' }
  | { readonly type: 'notification:show'; readonly index: number; readonly title: string; readonly body: string; readonly silent: boolean; readonly actions: readonly string[] }
  | { readonly type: 'window:create'; readonly options: unknown }
  | { readonly type: 'window:load'; readonly url: string }
  | { readonly type: 'window:loaded'; readonly url: string }
  | { readonly type: 'window:show' }
  | { readonly type: 'window:hide' }
  | { readonly type: 'window:focus' }
  | { readonly type: 'window:closed' }
  | { readonly type: 'window:navigation'; readonly url: string; readonly prevented: boolean }
  | { readonly type: 'window:open'; readonly url: string; readonly action: string }
  | { readonly type: 'ipc:invoke'; readonly channel: string; readonly senderUrl: string }
  | { readonly type: 'ipc:send'; readonly channel: string; readonly delivered: boolean }
  | { readonly type: 'request:cancelled'; readonly url: string }
  | { readonly type: 'shell:open-external'; readonly url: string }
  | { readonly type: 'utility:fork'; readonly modulePath: string; readonly pid: number | undefined }
  | { readonly type: 'utility:exit'; readonly pid: number | undefined; readonly code: number | null }
  | { readonly type: 'shim:missing'; readonly api: string }
  | { readonly type: 'shim:error'; readonly message: string };

/** What the test asks the shim to do. */
export type ShimCommand =
  | { readonly cmd: 'menu:click'; readonly label: string }
  | { readonly cmd: 'tray:click' }
  | { readonly cmd: 'notification:click'; readonly index: number }
  | { readonly cmd: 'notification:close'; readonly index: number }
  /** Presses a notification's button (Electron gives buttons on macOS only). */
  | { readonly cmd: 'notification:action'; readonly index: number; readonly action: number }
  | { readonly cmd: 'power'; readonly event: 'resume' | 'suspend' | 'unlock-screen' | 'lock-screen' }
  | { readonly cmd: 'window:close' }
  /** Loads a URL in the window past the app's will-navigate rule (what a gap in that rule would allow); the session's request filter still applies. */
  | { readonly cmd: 'window:force-load'; readonly url: string }
  | { readonly cmd: 'app:quit' }
  /** Jumps the app's injected clock forward (ATTT_SHIM_CLOCK), firing the timers due meanwhile. */
  | { readonly cmd: 'clock:tick'; readonly ms: number }
  /** Moves the app's date forward without firing timers: the PC slept (then the test emits `resume`). */
  | { readonly cmd: 'clock:jump'; readonly ms: number };

/** A message from the shim to the test. */
export type ShimMessage = { readonly kind: 'event'; readonly event: ShimEvent } | { readonly kind: 'reply'; readonly id: number; readonly ok: boolean; readonly error?: string };

/** A message from the test to the shim. */
export interface ShimRequest {
  readonly kind: 'command';
  readonly id: number;
  readonly command: ShimCommand;
}

/** Environment variables the test gives the app process. */
export const SHIM_ENV = {
  /** The chromium DevTools WebSocket endpoint the shim's windows open their pages in. */
  cdp: 'ATTT_SHIM_CDP',
  /** What app.getAppPath() answers (the folder of package.json and assets/). */
  appPath: 'ATTT_SHIM_APP_PATH',
  /** A temporary folder that getPath() answers for temp, logs and the like. */
  tempRoot: 'ATTT_SHIM_TEMP',
  /** When set (epoch milliseconds): the app's clock starts there and is the test's (electron-shim/clock.ts). */
  clock: 'ATTT_SHIM_CLOCK',
} as const;
