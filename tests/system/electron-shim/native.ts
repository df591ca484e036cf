/** The native layer, recorded instead of drawn: nativeImage, Tray, Menu, Notification, shell, powerMonitor. */
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { record } from './control';
import type { RecordedMenuItem } from './protocol';
import { strict } from './strict';

/** A nativeImage: its path, and whether it is empty (Electron gives an empty image for a missing or unreadable file). */
export class ShimImage {
  private template = false;

  constructor(readonly path: string) {}

  /** macOS menu-bar template images; recorded (Tray's setImage reports it). */
  setTemplateImage(template: boolean): void {
    this.template = template;
  }

  isTemplateImage(): boolean {
    return this.template;
  }

  isEmpty(): boolean {
    return !existsSync(this.path) || !statSync(this.path).isFile() || statSync(this.path).size === 0;
  }
}

export const nativeImage = strict('nativeImage', {
  createFromPath: (path: string) => strict('NativeImage', new ShimImage(path)),
});

/** The template of one menu item, as Menu.buildFromTemplate takes it. */
interface TemplateItem {
  readonly id?: string;
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly click?: (item: unknown, window: unknown, event: unknown) => void;
  readonly submenu?: readonly TemplateItem[];
}

/** A built menu: the template kept, so the test can read it and click by label. */
export class ShimMenu {
  constructor(readonly items: readonly TemplateItem[]) {}

  static buildFromTemplate(template: readonly TemplateItem[]): ShimMenu {
    return strict('Menu', new ShimMenu(template));
  }

  /** What the test sees: labels, ids, enabled, checked, submenus. */
  recorded(items: readonly TemplateItem[] = this.items): RecordedMenuItem[] {
    return items.map((i) => ({
      ...(i.id ? { id: i.id } : {}),
      ...(i.label !== undefined ? { label: i.label } : {}),
      ...(i.type ? { type: i.type } : {}),
      enabled: i.enabled !== false,
      ...(i.checked !== undefined ? { checked: i.checked } : {}),
      ...(i.submenu ? { submenu: this.recorded(i.submenu) } : {}),
    }));
  }

  /** Clicks the item with this exact label (searched in submenus too); a disabled item cannot be clicked. */
  click(label: string): void {
    const find = (items: readonly TemplateItem[]): TemplateItem | undefined => {
      for (const i of items) {
        if (i.label === label) return i;
        const inner = i.submenu ? find(i.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const item = find(this.items);
    if (!item) throw new Error(`no menu item labelled «${label}»`);
    if (item.enabled === false) throw new Error(`menu item «${label}» is disabled`);
    if (!item.click) throw new Error(`menu item «${label}» does nothing when clicked`);
    item.click(item, null, { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false });
  }
}

export const Menu = strict('Menu', ShimMenu, ['prototype']);

/** The trays alive in this process (the app has one). */
export const trays = new Set<ShimTray>();

export class ShimTray extends EventEmitter {
  menu: ShimMenu | null = null;
  destroyed = false;

  constructor(image: ShimImage) {
    super();
    trays.add(this);
    this.setImage(image);
    return strict('Tray', this);
  }

  setImage(image: ShimImage): void {
    record({ type: 'tray:image', path: image.path, empty: image.isEmpty(), template: image.isTemplateImage() });
  }

  setToolTip(text: string): void {
    record({ type: 'tray:tooltip', text });
  }

  setContextMenu(menu: ShimMenu | null): void {
    this.menu = menu;
    record({ type: 'tray:menu', items: menu ? menu.recorded() : [] });
  }

  destroy(): void {
    this.destroyed = true;
    trays.delete(this);
    record({ type: 'tray:destroy' });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const Tray = strict('Tray', ShimTray, ['prototype']);

/** Notifications shown so far, by index (the test clicks one by its index). */
export const notifications: ShimNotification[] = [];

interface NotificationOptions {
  readonly title?: string;
  readonly body?: string;
  readonly silent?: boolean;
  readonly actions?: readonly { readonly type: string; readonly text: string }[];
}

export class ShimNotification extends EventEmitter {
  constructor(readonly options: NotificationOptions) {
    super();
    return strict('Notification', this);
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    const index = notifications.push(this) - 1;
    record({ type: 'notification:show', index, title: this.options.title ?? '', body: this.options.body ?? '', silent: this.options.silent === true, actions: (this.options.actions ?? []).map((a) => a.text) });
    this.emit('show', {});
  }

  close(): void {
    this.emit('close', {});
  }
}

export const Notification = strict('Notification', ShimNotification, ['prototype']);

export const shell = strict('shell', {
  openExternal: (url: string): Promise<void> => {
    record({ type: 'shell:open-external', url });
    return Promise.resolve();
  },
});

/** powerMonitor: the test emits its events. */
export const powerMonitor = strict('powerMonitor', new EventEmitter());
