/**
 * settings.json and its versions. Version 1 (no `version` key, written until the settings gained one) held the
 * settings alone, so nothing told a value the person chose from a default of that version: its start at login
 * was off by default, and a PC left with it off is never checked again after a restart. Version 2 records which
 * values the person chose (`chosen`); an upgrade keeps those, and turns an old default into today's default.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { settingsSchema } from './ipc-schemas';

/** The layout of settings.json this version writes. */
export const SETTINGS_FILE_VERSION = 2 as const;

/** The name of one setting. */
export type SettingKey = keyof Settings;

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** settings.json as written now: the settings, and which of them the person set (kept by every upgrade). */
export interface StoredSettings extends Settings {
  readonly version: typeof SETTINGS_FILE_VERSION;
  readonly chosen: readonly SettingKey[];
}

/** settings.json of version 1: the settings only, perhaps with keys missing. */
export interface LegacySettings extends Partial<Settings> {
  readonly version?: undefined;
}

/** What settings.json may hold: today's layout or the first one. */
export type SettingsFile = StoredSettings | LegacySettings;

/** The settings of a first start: today's defaults, none chosen. */
export const DEFAULT_STORED_SETTINGS: StoredSettings = { version: SETTINGS_FILE_VERSION, ...DEFAULT_SETTINGS, chosen: [] };

const fields = settingsSchema.shape;
const partialSettings = { language: fields.language.optional(), intervalHours: fields.intervalHours.optional(), startAtLogin: fields.startAtLogin.optional(), notifications: fields.notifications.optional() };

const storedSchema = z
  .object({ version: z.literal(SETTINGS_FILE_VERSION), ...partialSettings, chosen: z.array(z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])).max(SETTING_KEYS.length) })
  .strict()
  // A key missing from a hand-edited file is today's default (and not chosen).
  .transform((v): StoredSettings => ({ ...DEFAULT_STORED_SETTINGS, ...v, chosen: [...new Set(v.chosen)] }));

const legacySchema = z.object(partialSettings).strict() as z.ZodType<LegacySettings>;

/** The schema of settings.json: version 2, or version 1 (no `version` key). Another version is refused (moved aside, kept). */
export const settingsFileSchema: z.ZodType<SettingsFile> = z.union([storedSchema, legacySchema]) as unknown as z.ZodType<SettingsFile>;

/** What a version 1 file's start at login being off tells, from the app state beside it. */
export interface UpgradeContext {
  /**
   * The first start's login notice was shown: the version that wrote the file already started at login by default
   * (the notice came with that default), so an off there was the person's choice. Without it, off was that version's default.
   */
  readonly loginNoticeShown: boolean;
}

/** The settings to use from what settings.json holds, and whether the file must be rewritten in today's layout. */
export function upgradeSettings(file: SettingsFile, context: UpgradeContext): { readonly stored: StoredSettings; readonly upgraded: boolean } {
  if (file.version === SETTINGS_FILE_VERSION) return { stored: file, upgraded: false };
  const old: Settings = { ...DEFAULT_SETTINGS, ...file, startAtLogin: file.startAtLogin ?? false };
  // A value other than the old defaults (off for start at login) was set by the person.
  const oldDefaults: Settings = { ...DEFAULT_SETTINGS, startAtLogin: context.loginNoticeShown };
  const chosen = SETTING_KEYS.filter((k) => file[k] !== undefined && file[k] !== oldDefaults[k]);
  const startAtLogin = chosen.includes('startAtLogin') ? old.startAtLogin : DEFAULT_SETTINGS.startAtLogin;
  return { stored: { version: SETTINGS_FILE_VERSION, ...old, startAtLogin, chosen }, upgraded: true };
}

/** The settings alone (what the window and the tray see). */
export function settingsOf(stored: StoredSettings): Settings {
  return { language: stored.language, intervalHours: stored.intervalHours, startAtLogin: stored.startAtLogin, notifications: stored.notifications };
}

/** The stored settings after the person changed `patch`: its keys are recorded as chosen. */
export function choose(stored: StoredSettings, next: Settings, patch: Partial<Settings>): StoredSettings {
  const keys = SETTING_KEYS.filter((k) => patch[k] !== undefined);
  return { version: SETTINGS_FILE_VERSION, ...next, chosen: [...new Set([...stored.chosen, ...keys])] };
}
