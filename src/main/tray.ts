/**
 * The tray icon and its menu. The menu is ALWAYS set (GNOME shows a tray icon only with a context
 * menu, and a click does nothing on some Ubuntu versions) and rebuilt whenever the state or the
 * language changes. The icon's colour is the state (src/main/tray-state.ts).
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { formatDateTime } from '../shared/format';
import type { PauseDuration } from '../shared/ipc-contract';
import type { Report } from '../shared/report';
import { UI_LANGUAGES, type UiLanguage } from '../shared/settings';
import type { MainTranslator } from './i18n';
import { trayIconFile } from './tray-icon';
import type { TrayState } from './tray-state';

/** What the tray shows. */
export interface TrayModel {
  readonly state: TrayState;
  readonly report: Report | null;
  readonly checking: boolean;
  readonly pausedUntil: string | null;
  readonly language: UiLanguage;
  /** A short line on something the app could not do (its findings log not written), in the tooltip. */
  readonly notice?: string;
  /** The organisation's policy was refused (the built-in one is in force): the tooltip says so. */
  readonly policyRefused?: boolean;
  /** The organisation does not let notifications be turned off: no pause. */
  readonly notificationsLocked?: boolean;
}

/** What the menu's items do. */
export interface TrayActions {
  checkNow(): void;
  openWindow(): void;
  pause(duration: PauseDuration): void;
  setLanguage(language: UiLanguage): void;
  quit(): void;
}

/** The last result in one line, e.g. "14:05 25/11/2026: 1 vi phạm, 0 cảnh báo". */
export function lastResultLine(model: TrayModel, tr: MainTranslator): string {
  if (model.checking) return tr.t('ui:tray.checking');
  const r = model.report;
  if (!r) return tr.t('ui:tray.neverRan');
  const s = r.summary;
  return tr.t('ui:tray.lastResult', { time: formatDateTime(r.generatedAt, model.language), violation: tr.t('common:count.violation', { count: s.violation }), warning: tr.t('common:count.warning', { count: s.warning }), unknown: tr.t('common:count.unknown', { count: s.unknown }) });
}

/**
 * The tooltip: the state, a refused organisation policy, then the last result. Windows shows 127 characters at
 * most, so the policy's line is short and comes before the result, which may be cut.
 */
export function trayTooltip(model: TrayModel, tr: MainTranslator): string {
  const lines = [`${tr.t('ui:app.name')} — ${tr.t(`ui:tray.state.${model.state}`)}`];
  if (model.policyRefused) lines.push(tr.t('policy:tray.refused'));
  lines.push(lastResultLine(model, tr));
  if (model.notice) lines.push(model.notice);
  return lines.join('\n');
}

/** The context menu as a template (pure, so tests can read it). */
export function trayMenuTemplate(model: TrayModel, tr: MainTranslator, actions: TrayActions): MenuItemConstructorOptions[] {
  const paused = model.pausedUntil !== null;
  return [
    { id: 'check', label: tr.t('ui:tray.checkNow'), enabled: !model.checking && model.state !== 'fixing', click: () => actions.checkNow() },
    { id: 'last', label: lastResultLine(model, tr), enabled: false },
    { type: 'separator' },
    { id: 'open', label: tr.t('ui:tray.open'), click: () => actions.openWindow() },
    {
      id: 'pause',
      label: paused ? tr.t('ui:tray.pausedUntil', { time: formatDateTime(model.pausedUntil!, model.language) }) : tr.t('ui:tray.pause'),
      submenu: [
        { id: 'pause-hour', label: tr.t('ui:tray.pauseHour'), enabled: !model.notificationsLocked, click: () => actions.pause('hour') },
        { id: 'pause-tomorrow', label: tr.t('ui:tray.pauseTomorrow'), enabled: !model.notificationsLocked, click: () => actions.pause('tomorrow') },
        { id: 'pause-off', label: tr.t('ui:tray.pauseOff'), enabled: paused, click: () => actions.pause('off') },
      ],
    },
    {
      id: 'language',
      label: tr.t('ui:tray.language'),
      submenu: UI_LANGUAGES.map((l) => ({ id: `lang-${l}`, label: tr.t(`ui:language.${l}`), type: 'radio' as const, checked: l === model.language, click: () => actions.setLanguage(l) })),
    },
    { type: 'separator' },
    { id: 'quit', label: tr.t('ui:tray.quit'), click: () => actions.quit() },
  ];
}

/** The tray icon of the running app. */
export class AppTray {
  private readonly tray: Tray;
  private shownState: TrayState | null = null;

  constructor(
    private readonly assetsDir: string,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.image('grey'));
    // Where a click works (Windows, macOS), it opens the window; the menu offers the same everywhere.
    this.tray.on('click', () => actions.openWindow());
  }

  /** Shows a new state at once: icon, tooltip and a rebuilt menu. */
  update(model: TrayModel, tr: MainTranslator): void {
    if (model.state !== this.shownState) {
      this.tray.setImage(this.image(model.state));
      this.shownState = model.state;
    }
    this.tray.setToolTip(trayTooltip(model, tr));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, tr, this.actions)));
  }

  private image(state: TrayState): Electron.NativeImage {
    const file = trayIconFile(this.assetsDir, state, this.platform);
    const image = nativeImage.createFromPath(file.path);
    if (file.template) image.setTemplateImage(true);
    return image;
  }

  /** Removes the icon (on quit). */
  destroy(): void {
    this.tray.destroy();
  }
}
