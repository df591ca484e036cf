/** Languages the app ships; Vietnamese first. */
export const UI_LANGUAGES = ['vi', 'en'] as const;
/** One of the app's languages. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Intervals between automatic checks that the settings page offers, in hours. */
export const CHECK_INTERVALS_HOURS = [1, 2, 4, 8, 12, 24] as const;

/** The user's settings, stored in settings.json in the app's data folder. */
export interface Settings {
  readonly language: UiLanguage;
  /** Hours between automatic checks (a check also runs at start and on resume from sleep). */
  readonly intervalHours: number;
  readonly startAtLogin: boolean;
  /** Native notifications for new or changed findings. */
  readonly notifications: boolean;
}

/** Settings a first run starts with: Vietnamese, a check every 4 hours, start at login (else a PC is never checked after a restart), notifications on. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'vi',
  intervalHours: 4,
  startAtLogin: true,
  notifications: true,
};
