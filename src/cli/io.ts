import type { Translator } from '../core/i18n/translator';

/** Where the CLI writes and reads; injectable so commands run in-process in tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Asks a yes/no question on the terminal; false when there is no terminal. */
  confirm(question: string): Promise<boolean>;
}

/**
 * What is never printed raw: C0 controls (ESC, CR, BEL, …), DEL and the C1 controls (U+0080–U+009F, which
 * some terminals read as CSI), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, and the
 * marks U+061C, U+200E, U+200F, which can make a file name read backwards) and the line and paragraph
 * separators. Letters with combining marks (Vietnamese in NFD) are not among them.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_BUT_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * The CLI's one escaping function: each such character becomes `\uXXXX`, visible on a terminal and a
 * valid escape inside a JSON string (so `--json` output still parses to the same values). `lines` keeps
 * line breaks (whole output); without it a value can never start a line of its own.
 */
export function escapeControls(text: string, options: { readonly lines?: boolean } = {}): string {
  return text.replace(options.lines ? UNPRINTABLE_BUT_LINES : UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An IO whose every output goes through escapeControls (line breaks kept): nothing reaches the terminal raw. */
export function escapingIO(io: CliIO): CliIO {
  return {
    out: (t) => io.out(escapeControls(t, { lines: true })),
    err: (t) => io.err(escapeControls(t, { lines: true })),
    confirm: (q) => io.confirm(escapeControls(q, { lines: true })),
  };
}

function escapedParams(params: Readonly<Record<string, unknown>> | undefined): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? escapeControls(v) : (v as number);
  return out;
}

/** A translator whose parameters (paths, names, outputs) are escaped, line breaks included, before they enter a sentence. */
export function printableTranslator(t: Translator): Translator {
  return {
    language: t.language,
    t: (key, params) => t.t(key, escapedParams(params)),
    message: (m) => t.message({ ...m, ...(m.params ? { params: escapedParams(m.params) } : {}) }),
  };
}

/** The process's own terminal. */
export function processIO(): CliIO {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    async confirm(question) {
      if (!process.stdin.isTTY) return false;
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = (await rl.question(`${question} [c/k] (y/n) `)).trim().toLowerCase();
        return ['c', 'co', 'có', 'y', 'yes'].includes(answer);
      } finally {
        rl.close();
      }
    },
  };
}
