/** The test's commands: click the tray, a menu item or a notification, emit a power event, close the window, quit, move the clock. */
import { app } from './app';
import { jump, tick } from './clock';
import { onCommand } from './control';
import { notifications, powerMonitor, trays, type ShimTray } from './native';
import { windows } from './window';

function theTray(): ShimTray {
  const t = [...trays][0];
  if (!t) throw new Error('there is no tray icon');
  return t;
}

/** Starts answering the test's commands. */
export function commands(): void {
  onCommand((c) => {
    switch (c.cmd) {
      case 'menu:click': {
        const menu = theTray().menu;
        if (!menu) throw new Error('the tray has no context menu');
        menu.click(c.label);
        return;
      }
      case 'tray:click':
        theTray().emit('click', {}, { x: 0, y: 0, width: 16, height: 16 }, { x: 0, y: 0 });
        return;
      case 'notification:click':
      case 'notification:close': {
        const n = notifications[c.index];
        if (!n) throw new Error(`no notification number ${c.index}`);
        n.emit(c.cmd === 'notification:click' ? 'click' : 'close', {});
        return;
      }
      case 'notification:action': {
        const n = notifications[c.index];
        if (!n) throw new Error(`no notification number ${c.index}`);
        if (!(n.options.actions ?? [])[c.action]) throw new Error(`notification ${c.index} has no button ${c.action}`);
        n.emit('action', {}, c.action);
        return;
      }
      case 'power':
        powerMonitor.emit(c.event, {});
        return;
      case 'window:close': {
        const w = [...windows][0];
        if (!w) throw new Error('there is no window');
        w.close();
        return;
      }
      case 'window:force-load': {
        const w = [...windows][0];
        if (!w) throw new Error('there is no window');
        return w.forceLoad(c.url);
      }
      case 'app:quit':
        app.quit();
        return;
      case 'clock:tick':
        return tick(c.ms);
      case 'clock:jump':
        return jump(c.ms);
    }
  });
}
