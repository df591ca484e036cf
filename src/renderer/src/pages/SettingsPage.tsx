/** Settings: language, interval, start at login, notifications (and their pause). Each change is saved at once. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { Message } from '../../../shared/finding';
import type { AtttApi, FocusTarget, PauseDuration, PauseState } from '../../../shared/ipc-contract';
import type { OrgPolicyView } from '../../../shared/org-policy';
import { CHECK_INTERVALS_HOURS, UI_LANGUAGES, type Settings } from '../../../shared/settings';
import { ErrorNote } from '../components/ErrorNote';

/** Props of the settings page. */
export interface SettingsPageProps {
  readonly api: AtttApi;
  readonly settings: Settings | null;
  readonly onSettings: (s: Settings) => void;
  /** The organisation's policy: what it locks (notifications on, the longest interval), shown with the reason. */
  readonly organisation?: OrgPolicyView;
  /** A control to bring into view and focus when the page opens (main's navigation request). */
  readonly focus?: FocusTarget;
  /** Told once the control was focused, so coming back to the page later does not focus it again. */
  readonly onFocused?: () => void;
}

/** The settings page. */
export function SettingsPage({ api, settings, onSettings, organisation, focus, onFocused }: SettingsPageProps) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<Message | null>(null);
  const [pauseState, setPauseState] = useState<PauseState | null>(null);
  const startAtLogin = useRef<HTMLInputElement>(null);
  const loaded = settings !== null;
  const locked = organisation?.usersMayTurnOffNotifications === false;
  const maxHours = organisation?.fullCheckHours ?? null;
  // The login notice opens the page on its checkbox: focused (keyboard users are there at once) and in view.
  useEffect(() => {
    const box = startAtLogin.current;
    if (focus !== 'start-at-login' || !loaded || !box) return;
    box.focus();
    if (typeof box.scrollIntoView === 'function') box.scrollIntoView({ block: 'center' });
    onFocused?.();
  }, [focus, loaded, onFocused]);
  useEffect(() => {
    let live = true;
    void api.notificationState().then((r) => {
      if (live && r.ok) setPauseState(r.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (!settings) return <p>{t('ui:common.loading')}</p>;
  const save = async (patch: Partial<Settings>): Promise<void> => {
    const r = await api.setSettings(patch);
    if (r.ok) {
      setError(null);
      onSettings(r.value);
    } else setError(r.error.message);
  };
  const pause = async (duration: PauseDuration): Promise<void> => {
    const r = await api.pauseNotifications(duration);
    if (r.ok) setPauseState(r.value);
    else setError(r.error.message);
  };
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('ui:settings.title')}</h2>
      {error && <ErrorNote message={error} onClose={() => setError(null)} />}
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('ui:settings.language')}</legend>
          {UI_LANGUAGES.map((l) => (
            <label key={l} className="choice">
              <input type="radio" name="language" value={l} checked={settings.language === l} onChange={() => void save({ language: l })} /> {t(`ui:language.${l}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('ui:settings.interval')}</span>
          <select value={settings.intervalHours} onChange={(e) => void save({ intervalHours: Number(e.target.value) })}>
            {CHECK_INTERVALS_HOURS.map((h) => (
              <option key={h} value={h} disabled={maxHours !== null && h > maxHours}>
                {t('ui:settings.everyHours', { count: h })}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">{t('ui:settings.intervalHint')}</p>
        {maxHours !== null && <p className="hint">{t('policy:window.intervalCapped', { count: maxHours })}</p>}
        <label className="choice">
          <input ref={startAtLogin} type="checkbox" name="startAtLogin" checked={settings.startAtLogin} onChange={(e) => void save({ startAtLogin: e.target.checked })} /> {t('ui:settings.startAtLogin')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={settings.notifications} disabled={locked} aria-describedby={locked ? 'notifications-locked' : undefined} onChange={(e) => void save({ notifications: e.target.checked })} /> {t('ui:settings.notifications')}
        </label>
        {locked && (
          <p className="hint" id="notifications-locked">
            {t('policy:window.notificationsLocked')}
          </p>
        )}
        <fieldset>
          <legend>{t('ui:settings.pause')}</legend>
          <p role="status">{pauseState?.pausedUntil ? t('ui:settings.pausedUntil', { time: formatDateTime(pauseState.pausedUntil, i18n.language) }) : t('ui:settings.notPaused')}</p>
          <div className="row">
            <button type="button" className="button" disabled={locked} onClick={() => void pause('hour')}>
              {t('ui:tray.pauseHour')}
            </button>
            <button type="button" className="button" disabled={locked} onClick={() => void pause('tomorrow')}>
              {t('ui:tray.pauseTomorrow')}
            </button>
            <button type="button" className="button" disabled={!pauseState?.pausedUntil} onClick={() => void pause('off')}>
              {t('ui:tray.pauseOff')}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
