/** Shows the notification the controller decided on (src/main/notifications.ts decides when). */
import { Notification } from 'electron';
import type { MainTranslator } from './i18n';
import type { NotificationContent } from './notifications';

/** Shows native notifications; a click opens the window on the finding. */
export class Notifier {
  // Electron drops the click handler of a notification that has been garbage-collected: keep them.
  private readonly live = new Set<Notification>();

  constructor(private readonly openOn: (findingId: string) => void) {}

  /** Shows one notification; returns false where the OS offers none. */
  show(content: NotificationContent, tr: MainTranslator): boolean {
    if (!Notification.isSupported()) return false;
    const n = new Notification({
      title: tr.message(content.title),
      body: `${tr.message(content.what)}\n${tr.message(content.body)}`,
      // Quiet: a nudge, never an alarm or a blocking window.
      silent: true,
    });
    const forget = (): void => {
      this.live.delete(n);
    };
    n.on('click', () => {
      forget();
      this.openOn(content.findingId);
    });
    n.on('close', forget);
    this.live.add(n);
    n.show();
    return true;
  }
}
