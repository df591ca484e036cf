// Every message key of every namespace, rendered in Vietnamese and English with realistic parameters (product
// names, versions, Vietnamese user names, real paths), held to plain words: no English word in the Vietnamese,
// no value left untranslated, no internal id, no `{{param}}` unfilled, no sentence said twice, and a
// technical text (a Node or JSON error, a tool's output) on a line of its own under a Vietnamese sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';

const root = join(__dirname, '..', '..', 'locales');
const NAMESPACES = readdirSync(join(root, 'vi')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

function flatten(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}
const load = (lang: string, ns: string): Map<string, string> => flatten(JSON.parse(readFileSync(join(root, lang, `${ns}.json`), 'utf8')));
const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);

/** Parameters as the code passes them: what a machine gives (the same in both languages), or words already translated. */
type Value = string | number | { readonly vi: string; readonly en: string };
const PARAMS: Readonly<Record<string, Value>> = {
  app: 'Zoom',
  domain: 'bit.ly',
  extensions: 11,
  shorteners: 26,
  fileSharing: 21,
  items: 'tinyurl.vn, link4m.com',
  product: 'Zoom Workplace 6.1.11',
  user: 'nguyễnvăna',
  path: 'C:\\Users\\Nguyễn Văn A\\Downloads\\ZoomInstallerFull.exe',
  host: 'zoom-download.example.net',
  official: 'zoom.us',
  officialLast: 'zoom.com',
  agent: 'Safari',
  none: 1,
  max: 200,
  file: '/home/nguyenvana/Tải về/catalog-2026-11.json',
  files: '/home/nguyenvana/.zoom, /home/nguyenvana/.config/zoomus.conf',
  folders: '/opt/zoom, /home/nguyenvana/.zoom',
  movedTo: '/home/nguyenvana/.config/attt-selfcheck/settings.json.hỏng-20261125',
  name: 'ZoomInstallerFull.exe',
  exe: '/opt/zoom/zoom',
  program: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe',
  pid: 4242,
  port: 19421,
  pids: '4242, 4250',
  count: 2,
  n: 1,
  point: 1,
  number: '1981/UBND-VHTT',
  version: '6.1.11 (47183)',
  release: '10.0.19045',
  build: '19045.6456',
  latest: '24H2',
  installed: '22H2',
  os: 'Windows 10 Pro 22H2',
  platform: 'Windows',
  arch: 'x64',
  hostname: 'may-tinh-01',
  tool: 'dpkg-query',
  command: 'apt-get purge -y zoom',
  manager: 'dpkg',
  package: 'zoom',
  code: 1603,
  signal: 'SIGTERM',
  seconds: '1,5',
  days: 45,
  maxDays: 30,
  maxBehindDays: 60,
  depth: 8,
  security: 1,
  violation: 1,
  warning: 2,
  unknown: 0,
  ok: 3,
  notice: 1,
  ids: 'microsoft-teams, zalo, telegram, skype',
  time: '14:05 25/11/2026',
  date: '25/11/2026',
  asOf: '26/10/2026',
  until: '30/06/2028',
  ended: '14/10/2025',
  latestDate: '09/09/2025',
  kb: 'KB5121767',
  keyId: 'ubnd-camphat-2026',
  hive: 'HKU',
  id: 'banned-app:0123456789abcdef',
  label: 'us.zoom.ZoomDaemon',
  value: '0x1',
  profile: 'Default',
  browser: 'Google Chrome',
  browsers: 'Google Chrome, Microsoft Edge, Mozilla Firefox, Cốc Cốc',
  major: 154,
  majors: '153, 140 (13/10/2026)',
  platforms: 'Windows',
  page: 'chrome://extensions',
  scheme: 'zoommtg',
  schemes: 'zoommtg, zoomus',
  handlers: 'zoommtg, zoomus',
  company: 'Zoom Video Communications, Inc.',
  issuer: 'UBND thành phố Cẩm Phả',
  channel: 'fix:run',
  channelName: 'Google Chrome Extended Stable',
  channelAsOf: '22/09/2026',
  option: '--catalog',
  options: '--only, --lang',
  arg: '--bogus',
  format: 'nagios',
  line: 12,
  probe: 'linux.dpkg',
  looked: 'dpkg-query -W',
  // A check's id, as the engine passes it: the text names the check by its title (cli:check.*), never by this.
  check: 'banned-app',
  // Technical texts from the machine: each must stand on a line of its own.
  message: "ENOENT: no such file or directory, open '/etc/os-release'",
  stderr: 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)',
  sample: '{"version": 2, "entries": [',
  issues: 'findingId: Expected string, received number',
  detail: 'Unexpected token } in JSON at position 41',
  // Words the code has already translated (a check's name, a state, a reason, ...).
  checks: { vi: 'phần mềm bị cấm, bản vá hệ điều hành', en: 'banned software, OS patches' },
  state: { vi: 'có vi phạm', en: 'violation' },
  before: { vi: 'Cảnh báo', en: 'Warning' },
  after: { vi: 'Vi phạm', en: 'Violation' },
  title: { vi: 'Phát hiện phần mềm Zoom Workplace 6.1.11 đã cài đặt', en: 'Zoom Workplace 6.1.11 is installed' },
  reason: { vi: 'Công cụ «dpkg-query» không trả lời trong thời gian cho phép và đã được dừng.', en: 'The tool «dpkg-query» did not answer in time and was stopped.' },
  why: { vi: 'tệp đã bị thay đổi sau khi ký', en: 'the file was changed after it was signed' },
  what: { vi: 'tệp cài đặt', en: 'installer' },
  kind: { vi: 'thư mục', en: 'folder' },
  form: { vi: 'lối tắt trên màn hình', en: 'desktop shortcut' },
  via: { vi: 'chương trình hỗ trợ mở rộng (ESM)', en: 'extended support (ESM)' },
  inUse: { vi: 'danh mục tích hợp sẵn', en: 'the built-in catalog' },
  choices: { vi: '«vi» hoặc «en»', en: '«vi» or «en»' },
  // A banned app's removal data (its entry in the policy).
  url: 'https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0064998',
  bundle: '/Applications/zoom.us.app',
  labels: 'us.zoom.ZoomDaemon, us.zoom.updater',
  // The organisation policy (locales/*/policy.json).
  source: '/etc/attt-selfcheck/policy.json',
  keyFile: '/etc/attt-selfcheck/policy-signing.public.pem',
  folder: '/etc/attt-selfcheck',
  key: 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck',
  out: 'C:\\Users\\Nguyễn Văn A\\Desktop\\policy.json',
  maxKiB: 256,
  trusted: '9f2c4e1a7b3d5c60',
  policyId: 'ubnd-phuong-hong-gai-2026',
  notAfter: '31/10/2027',
  agency: 'UBND phường Hồng Gai',
  phone: '0203 3825 123',
  email: 'cntt@honggai.gov.vn',
  room: 'Phòng 203, tầng 2',
  apps: 'Zoom, Họp Nhanh',
  catalogMaxAgeDays: 60,
  minutes: 30,
  hours: 4,
  parts: { vi: 'Điện thoại: 0203 3825 123; Phòng làm việc: Phòng 203', en: 'Phone: 0203 3825 123; Office: Phòng 203' },
  language: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  note: { vi: 'Mọi cuộc họp trực tuyến dùng phần mềm do Sở cung cấp.', en: 'Every online meeting uses the software the Department provides.' },
};
/** Names that look like ids but are what a person reads: the OS, the program's command, domains and Debian package names. */
const NOT_IDS = new Set(['macOS', 'attt-selfcheck', 'zoom.us', 'zoom.com', 'us.zoom', 'support.zoom.com', 'distro-info-data']);
/** The checks' ids (cli:check.*): a parameter may carry one, the text must show its title instead. */
const CHECK_IDS = new Set([...load('en', 'cli').keys()].filter((k) => k.startsWith('check.')).map((k) => k.slice('check.'.length)));
/** Ordinary hyphenated English. */
const ENGLISH_COMPOUNDS = new Set(['e-mail', 'e-government', 'signed-in', 'add-ons', 'start-up', 'part-way', 're-check', 'password-protected', 'built-in', 'pending-updates', 'monitoring-plugin', 'file-sharing', 'well-known']);
/** Keys whose {{message}} is itself a translated sentence (a reason in words), not a machine's text. */
const TRANSLATED_MESSAGE = new Set(['fix:history.unreadable']);
const TECHNICAL = ['message', 'stderr', 'sample', 'issues', 'detail'] as const;

/**
 * English words that must not appear in Vietnamese prose. Common words only; Vietnamese words spelt in plain
 * ASCII are left out on purpose («to», «an», «in», «no», «OK» are Vietnamese or used in Vietnamese).
 */
const ENGLISH = [
  'file', 'files', 'folder', 'installer', 'installers', 'error', 'errors', 'failed', 'fail', 'not found', 'recheck',
  're-check', 'built-in', 'builtin', 'catalog', 'update', 'updates', 'version', 'versions', 'package', 'packages',
  'process', 'pid', 'running', 'done', 'skipped', 'warning', 'violation', 'unknown', 'the', 'and', 'of', 'is', 'are',
  'was', 'with', 'from', 'for', 'by', 'not', 'found', 'check', 'checking', 'removed', 'remove', 'uninstall', 'step',
  'steps', 'timeout', 'exit', 'code', 'user', 'users', 'account', 'path', 'key', 'download', 'downloads',
  'documents', 'trash', 'settings', 'please', 'cannot', 'could', 'unable', 'invalid', 'denied', 'permission',
  'last', 'installed', 'as of', 'on', 'at',
];

/**
 * Names a Vietnamese screen shows as they are, with the reason: what the OS itself calls them on a Vietnamese
 * machine too, or the name under which a person finds the setting or the folder.
 */
const ALLOWED_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^(Cách dùng|Usage): attt-selfcheck[\s\S]*/g, 'cli:usage lists the literal commands and options one types (banned-app, os-patch, ...)'],
  [/\bCốc Cốc\b/g, 'the browser\'s name'],
  [/\bWindows (Installer|Update)\b/g, 'names of Windows components, the same on a Vietnamese Windows'],
  [/\((Settings|Apps|Uninstall|System Settings)\)/g, 'a gloss after the Vietnamese words: what an English Windows shows, so IT staff find it'],
  [/\bRegistry\b/g, 'Windows has no Vietnamese name for its registry; «Registry» is what IT staff and regedit say'],
  [/\bProgram Files\b/g, 'the folder\'s name on disk, the same on a Vietnamese Windows'],
  [/\bAppData\b/g, 'the folder\'s name on disk, the same on a Vietnamese Windows'],
  [/\((Downloads|Desktop)\)/g, 'a gloss after the Vietnamese words (thư mục Tải về, màn hình nền): the folders\' names on disk on Windows'],
  [/\(Applications\)|\(Full Disk Access\)|\(LaunchAgents, LaunchDaemons\)/g, 'a gloss after the Vietnamese words: the English name macOS shows on an English Mac'],
  [/\((FIFO|socket|symbolic link)\)/g, 'a gloss after the Vietnamese term, for IT staff'],
];

/** Strips what may be English in Vietnamese text: parameter values, «quoted» names (buttons, tools, commands), allowed names. */
function prose(text: string, values: readonly string[]): string {
  let s = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) if (v.length > 0) s = s.split(v).join(' ');
  // Innermost first: quotes nest («Gỡ «Zoom» bằng …»).
  for (let before = ''; before !== s; ) [before, s] = [s, s.replace(/«[^«»]*»/g, ' ')];
  for (const [re] of ALLOWED_NAMES) s = s.replace(re, ' ');
  return s;
}

/** An i18next of every namespace (the window's and the CLI's), as the app and the CLI set theirs up. */
function translator(lng: 'vi' | 'en') {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const l of ['vi', 'en']) for (const ns of NAMESPACES) (resources[l] ??= {})[ns] = JSON.parse(readFileSync(join(root, l, `${ns}.json`), 'utf8'));
  const instance = i18next.createInstance();
  void instance.init({ lng, fallbackLng: 'en', ns: NAMESPACES, resources, interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false } as Parameters<typeof instance.init>[0]);
  return { t: (key: string, params: Record<string, string | number>): string => String(instance.t(key, params)) };
}

interface Rendered {
  readonly key: string;
  readonly vi: string;
  readonly en: string;
  readonly viTemplate: string;
  readonly enTemplate: string;
  readonly params: Record<string, string | number>;
  readonly values: string[];
}

function renderAll(): { rendered: Rendered[]; missing: string[] } {
  const vi = translator('vi');
  const en = translator('en');
  const rendered: Rendered[] = [];
  const missing = new Set<string>();
  for (const ns of NAMESPACES) {
    const viKeys = load('vi', ns);
    const enKeys = load('en', ns);
    const enByBase = new Map([...enKeys].map(([k, v]) => [base(k), v]));
    for (const key of new Set([...viKeys.keys()].map(base))) {
      const viTemplate = viKeys.get(key) ?? viKeys.get(`${key}_other`) ?? '';
      const enTemplate = enByBase.get(key) ?? '';
      const names = [...new Set([...placeholders(viTemplate), ...placeholders(enTemplate)])];
      const at = (lang: 'vi' | 'en'): Record<string, string | number> => {
        const p: Record<string, string | number> = {};
        for (const n of names) {
          const v = PARAMS[n];
          if (v === undefined) missing.add(`${ns}:${key} {{${n}}}`);
          else p[n] = typeof v === 'object' ? v[lang] : v;
        }
        return p;
      };
      const viParams = at('vi');
      const values = Object.values(viParams).map(String);
      rendered.push({ key: `${ns}:${key}`, vi: vi.t(`${ns}:${key}`, viParams), en: en.t(`${ns}:${key}`, at('en')), viTemplate, enTemplate, params: viParams, values });
    }
  }
  return { rendered, missing: [...missing] };
}

const { rendered, missing } = renderAll();
const english = new RegExp(`(?<![\\p{L}\\p{N}_./\\\\-])(${ENGLISH.join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');

describe('every message key, rendered in both languages', () => {
  it('has a realistic value for every parameter it names', () => {
    expect(missing, 'add a realistic value to PARAMS for these').toEqual([]);
    expect(rendered.length).toBeGreaterThan(300);
  });

  it('leaves no {{param}} unfilled and no "undefined"', () => {
    const bad = rendered.filter((r) => /\{\{|\}\}|\bundefined\b|\bnull\b/.test(r.vi + r.en)).map((r) => r.key);
    expect(bad).toEqual([]);
  });

  it('has a title say what and whose, never where it was seen (the tool, a path, a pid, a hive or SID: the evidence says those)', () => {
    const WHERE = new Set(['tool', 'looked', 'path', 'exe', 'program', 'command', 'hive', 'sid', 'pid', 'pids']);
    const bad = rendered.filter((r) => /(^|\.)title\w*$/.test(r.key) && [...placeholders(r.viTemplate), ...placeholders(r.enTemplate)].some((n) => WHERE.has(n))).map((r) => `${r.key}: «${r.viTemplate}»`);
    expect(bad).toEqual([]);
  });

  it('names an account by its name, never by its hive or SID', () => {
    const bad = rendered.filter((r) => [...placeholders(r.viTemplate), ...placeholders(r.enTemplate)].some((n) => n === 'hive' || n === 'sid')).map((r) => r.key);
    expect(bad).toEqual([]);
  });

  it('counts a summary with common:count.* (plural forms), never «{{violation}} violations» in the template', () => {
    const bad = rendered.filter((r) => /\{\{(violation|warning|unknown|ok)\}\}\s*\p{L}/u.test(`${r.viTemplate}|${r.enTemplate}`)).map((r) => `${r.key}: «${r.enTemplate}»`);
    expect(bad).toEqual([]);
  });

  it('pluralises an English count (i18next _one/_other with `count`): never «1 updates», «1 days»', () => {
    // The numbers that can be 1 on a real machine, the policy's limits among them (an organisation may allow one
    // day: their schema's minimum), each pluralised by its own count (a nested $t(common:count.days, …)); the
    // tarball walk's bounds are far above it.
    const ONE = ['count', 'days', 'seconds', 'minutes', 'hours', 'maxDays', 'maxBehindDays', 'catalogMaxAgeDays'];
    const en = translator('en');
    const plural = /\b1 (updates|days|items|violations|warnings|findings|checks|minutes|hours|seconds|places|releases|versions|steps|problems|folders|levels)\b/;
    const bad = rendered.flatMap((r) => {
      const names = Object.keys(r.params).filter((n) => ONE.includes(n));
      if (names.length === 0) return [];
      const params: Record<string, string | number> = {};
      for (const [n, v] of Object.entries(r.params)) params[n] = typeof PARAMS[n] === 'object' ? (PARAMS[n] as { en: string }).en : v;
      for (const n of names) params[n] = 1;
      const text = en.t(r.key, params);
      return plural.test(text) ? [`${r.key}: «${text}»`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('has no English word in the Vietnamese prose', () => {
    const bad = rendered.flatMap((r) => [...prose(r.vi, r.values).matchAll(english)].map((m) => `${r.key}: «${m[0]}» in «${r.vi}»`));
    expect(bad).toEqual([]);
  });

  it('has every prose value translated (Vietnamese differs from English)', () => {
    // Prose: two or more words of letters once parameters and quoted names are taken out.
    const isProse = (s: string): boolean => (prose(s.replace(/\{\{\s*\w+\s*\}\}/g, ' '), []).match(/\p{L}{2,}/gu) ?? []).length >= 2;
    // The language switch names each language in itself: «Tiếng Việt» is right in both.
    const same = new Set(['ui:language.vi']);
    const bad = rendered.filter((r) => !same.has(r.key) && isProse(r.viTemplate) && r.viTemplate.trim() === r.enTemplate.trim()).map((r) => `${r.key}: «${r.viTemplate}»`);
    expect(bad).toEqual([]);
  });

  it('shows no internal id (step or check ids, dotted or kebab-case keys, camelCase names)', () => {
    const ids = /(?<![\p{L}\p{N}/\\.:@-])(?:[a-z]+(?:-[a-z]+)+|[a-z]+(?:\.[a-z]+)+|[a-z]+[A-Z][a-zA-Z]*)(?![\p{L}\p{N}/\\-])/gu;
    const bad = rendered.flatMap((r) =>
      (['vi', 'en'] as const).flatMap((lang) => [...prose(r[lang], r.values).matchAll(ids)].filter((m) => !NOT_IDS.has(m[0]) && !(lang === 'en' && ENGLISH_COMPOUNDS.has(m[0]))).map((m) => `${r.key} (${lang}): «${m[0]}»`)),
    );
    expect(bad).toEqual([]);
  });

  it('names a check by its title (cli:check.*), never by the id the engine passes («banned-app»)', () => {
    const bad = rendered.flatMap((r) =>
      (['vi', 'en'] as const).flatMap((lang) => r.values.filter((v) => CHECK_IDS.has(v) && r[lang].includes(v)).map((v) => `${r.key} (${lang}): «${v}» in «${r[lang]}»`)),
    );
    expect(CHECK_IDS.size).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('says no sentence twice, and no word twice in a row («Xong — xong»)', () => {
    const bad: string[] = [];
    for (const r of rendered) {
      for (const lang of ['vi', 'en'] as const) {
        const text = r[lang];
        const sentences = text.split(/(?<=[.!?])\s+|\n/).map((s) => s.trim().toLowerCase()).filter((s) => s.length > 3);
        if (new Set(sentences).size !== sentences.length) bad.push(`${r.key} (${lang}): a sentence twice in «${text}»`);
        const m = /(?<![\p{L}])(\p{L}+)(?:\s*[—–-]\s*|\s+)\1(?![\p{L}])/iu.exec(prose(text, []));
        if (m) bad.push(`${r.key} (${lang}): «${m[0]}» in «${text}»`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('puts a technical text on a line of its own, under the sentence that says it in words', () => {
    const bad: string[] = [];
    for (const r of rendered) {
      for (const n of TECHNICAL) {
        if (!(n in r.params)) continue;
        const value = String(r.params[n]);
        for (const lang of ['vi', 'en'] as const) {
          const line = r[lang].split('\n').find((l) => l.includes(value));
          // Its own line, or its own line after a label that says what it is («Thông tin kỹ thuật: …»).
          const own = line === undefined || [value, `Thông tin kỹ thuật: ${value}`, `Technical details: ${value}`].includes(line.trim());
          if (!own && !TRANSLATED_MESSAGE.has(r.key)) bad.push(`${r.key} (${lang}): «${line}»`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
