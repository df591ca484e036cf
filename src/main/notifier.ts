/** Shows the notifications the controller decided on (src/main/notifications.ts decides when), and the login notice. */
import { Notification } from 'electron';
import type { MainTranslator } from './i18n';
import type { NotificationContent } from './notifications';

/** What the first start's notice does: turn start-at-login off (its button), or open the settings page (a click). */
export interface LoginNoticeActions {
  turnOff(): void;
  openSettings(): void;
}

/** Where Electron gives notifications buttons: macOS only (Windows needs toast XML, Linux has none). */
export function notificationsHaveActions(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin';
}

/** Shows native notifications; a click opens the window on the finding. */
export class Notifier {
  // Electron drops the click handler of a notification that has been garbage-collected: keep them.
  private readonly live = new Set<Notification>();

  constructor(
    private readonly openOn: (findingId: string) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Shows one notification; returns false where the OS offers none. */
  show(content: NotificationContent, tr: MainTranslator): boolean {
    return this.present({ title: tr.message(content.title), body: tr.message(content.body) }, () => this.openOn(content.findingId));
  }

  /**
   * The first start's notice: the app starts at login, and a one-click way to turn it off (a button where
   * the platform has them, else a click opens the settings page at that setting). False where the OS offers none.
   */
  showLoginNotice(policyNumber: string, tr: MainTranslator, actions: LoginNoticeActions): boolean {
    const button = notificationsHaveActions(this.platform);
    return this.present(
      { title: tr.t('ui:notify.loginOnTitle'), body: tr.t(button ? 'ui:notify.loginOnBodyAction' : 'ui:notify.loginOnBody', { number: policyNumber }), ...(button ? { actions: [{ type: 'button' as const, text: tr.t('ui:notify.loginOff') }] } : {}) },
      () => actions.openSettings(),
      () => actions.turnOff(),
    );
  }

  private present(options: Electron.NotificationConstructorOptions, onClick: () => void, onAction?: () => void): boolean {
    if (!Notification.isSupported()) return false;
    // Quiet: a nudge, never an alarm or a blocking window.
    const n = new Notification({ ...options, silent: true });
    const forget = (): void => {
      this.live.delete(n);
    };
    n.on('click', () => {
      forget();
      onClick();
    });
    if (onAction)
      n.on('action', () => {
        forget();
        onAction();
      });
    n.on('close', forget);
    this.live.add(n);
    n.show();
    return true;
  }
}
