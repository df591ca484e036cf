import { isLanguage, type Language } from '../core/i18n/resources';

/** A usage mistake: printed with the usage on stderr, exit 64. */
export class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string>,
  ) {
    super(key);
    this.name = 'UsageError';
  }
}

/** Flags a command accepts: boolean switches or options taking a value. */
export type FlagSpec = Readonly<Record<string, 'boolean' | 'string'>>;

/** Parsed command line. */
export interface ParsedArgs {
  /** Command words, e.g. ['fix', 'APP-ID']; empty means the default command. */
  readonly words: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
  readonly lang: Language;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** A lookup table without inherited properties, so `__proto__` or `constructor` name nothing. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** The value for `key` only when the table itself holds it (never one inherited from Object.prototype). */
export function own<T>(t: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(t, key) ? t[key] : undefined;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec = table({ json: 'boolean', lang: 'string', help: 'boolean', version: 'boolean', policy: 'string' });
const SHORT: Readonly<Record<string, string>> = table({ h: 'help', v: 'version', y: 'yes' });

/** Parses argv (without node and script). `extra` lists the flags of every command. Throws UsageError. */
export function parseArgs(argv: readonly string[], extra: FlagSpec = {}): ParsedArgs {
  const spec: FlagSpec = table({ ...GLOBAL_FLAGS, ...extra });
  const words: string[] = [];
  // No prototype: a flag named `__proto__` or `constructor` can neither be looked up nor set as a property.
  const flags = table<string | boolean>({}) as Record<string, string | boolean>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = arg.startsWith('--') ? arg.slice(2, eq > 0 ? eq : undefined) : own(SHORT, arg.slice(1));
      const kind = name === undefined ? undefined : own(spec, name);
      if (name === undefined || kind === undefined) throw new UsageError('cli:error.unknownOption', { option: arg.split('=')[0]! });
      if (kind === 'boolean') {
        if (eq > 0) throw new UsageError('cli:error.unexpectedArgument', { arg });
        flags[name] = true;
      } else {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError('cli:error.missingValue', { option: `--${name}` });
        flags[name] = value;
      }
    } else {
      words.push(arg);
    }
  }
  const lang = flags.lang === undefined ? 'vi' : String(flags.lang);
  if (!isLanguage(lang)) throw new UsageError('cli:error.badLang', { value: lang });
  return { words, flags, lang, json: flags.json === true, help: flags.help === true, version: flags.version === true };
}

/** The language asked for with --lang, if it is one we ship; Vietnamese otherwise. Never throws. */
export function languageHint(argv: readonly string[]): Language {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  return value !== undefined && isLanguage(value) ? value : 'vi';
}
