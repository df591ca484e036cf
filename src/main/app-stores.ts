/** The app's state files and their schemas: settings, notification state, history, last report. */
import { z } from 'zod';
import { CHECK_HISTORY_FILE, historyEntrySchema } from '../core/history/check-history';
import type { HistoryEntry } from '../shared/history';
import { FINDING_STATUSES } from '../shared/finding';
import { REPORT_SCHEMA_VERSION, type Report } from '../shared/report';
import { DEFAULT_STORED_SETTINGS, settingsFileSchema, type SettingsFile } from './settings-file';
import { EMPTY_NOTIFY_STATE, notifyStateSchema, type NotifyState } from './notifications';
import { JsonStore, type CorruptFile } from './state-store';

/** How many past checks the history keeps (the CLI's `check` keeps as many). */
export { HISTORY_LIMIT } from '../shared/history';

const status = z.enum(FINDING_STATUSES);
const message = z.object({ key: z.string().min(1), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
// `notice` is absent from reports and entries written before it existed: none then.
const summary = z.object({ violation: z.number(), warning: z.number(), unknown: z.number(), notice: z.number().default(0), ok: z.number() });

const historySchema = z.array(historyEntrySchema()) satisfies z.ZodType<HistoryEntry[]>;

// The last report is our own output; check the parts the app relies on and keep the rest as is. A report of
// schema 1 (before `data.owner` was split) is still shown as it was: the app reads no evidence data from it; one of
// schema 2 (before `notice`) has no notice count, read as none.
const reportSchema = z.looseObject({
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(REPORT_SCHEMA_VERSION)]),
  generatedAt: z.string(),
  summary,
  policy: z.looseObject({ number: z.string() }),
  findings: z.array(z.looseObject({ id: z.string(), status, advisoryPoint: z.number(), title: message, evidence: z.array(z.looseObject({ kind: z.string() })) })),
});

/** What the app remembers about itself: when it said it starts at login (said once, never again). */
export interface AppState {
  readonly version: 1;
  readonly loginNoticeShownAt: number | null;
}

/** The app state of a first start. */
export const EMPTY_APP_STATE: AppState = { version: 1, loginNoticeShownAt: null };

const appStateSchema = z.object({ version: z.literal(1), loginNoticeShownAt: z.number().nullable() }).strict() satisfies z.ZodType<AppState>;

/** The stores of the app, all in one folder. */
export interface AppStores {
  readonly app: JsonStore<AppState>;
  readonly settings: JsonStore<SettingsFile>;
  readonly notify: JsonStore<NotifyState>;
  readonly history: JsonStore<HistoryEntry[]>;
  readonly lastReport: JsonStore<Report | null>;
}

/** Opens the stores in `dir`; `onCorrupt` hears of every file moved aside. */
export function openStores(dir: string, onCorrupt: (p: CorruptFile) => void): AppStores {
  return {
    app: new JsonStore<AppState>({ dir, name: 'app-state.json', schema: appStateSchema, defaults: () => EMPTY_APP_STATE, onCorrupt }),
    // Today's layout or an older one (settings-file.ts); the controller upgrades an older one.
    settings: new JsonStore<SettingsFile>({ dir, name: 'settings.json', schema: settingsFileSchema, defaults: () => DEFAULT_STORED_SETTINGS, onCorrupt }),
    notify: new JsonStore<NotifyState>({ dir, name: 'notify-state.json', schema: notifyStateSchema, defaults: () => EMPTY_NOTIFY_STATE, onCorrupt }),
    history: new JsonStore<HistoryEntry[]>({ dir, name: CHECK_HISTORY_FILE, schema: historySchema as z.ZodType<HistoryEntry[]>, defaults: () => [], onCorrupt }),
    lastReport: new JsonStore<Report | null>({ dir, name: 'last-report.json', schema: reportSchema.nullable() as unknown as z.ZodType<Report | null>, defaults: () => null, onCorrupt }),
  };
}
