import { hostFromEnv } from '../core/host/host-from-env';
import { FixtureSpecError } from '../core/host/fixture-spec';
import type { Host } from '../core/host/host';
import { createTranslator } from '../core/i18n/translator';
import { userDataDir } from '../core/paths';
import { builtinPolicy, PolicyError } from '../core/policy/policy';
import { readPolicyFile } from '../core/policy/policy-file';
import { memoWriterFor } from '../core/host/memo-writer';
import { loadPolicyInForce } from '../core/policy/policy-in-force';
import type { Policy } from '../core/policy/policy-schema';
import { isHostError } from '../core/host/host';
import { TOOL_NAME, TOOL_VERSION } from '../core/version';
import { CHECK_PROCESS_ARG } from '../core/check-process/protocol';
import { serveCheckThread } from '../core/check-process/worker';
import { saveCodeCache } from './code-cache-hook';
import { takeEarlyCheckThread } from './early-check-thread';
import { GLOBAL_FLAGS, languageHint, own, parseArgs, table, UsageError, type FlagSpec } from './args';
import { checkTimeLimitFromEnv, inProcessRunner, workerThreadRunner, type CheckProgram } from './check-runner';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { escapingIO, printableTranslator, processIO, type CliIO } from './io';

/** Exit code for bad usage (BSD sysexits EX_USAGE). */
export const EXIT_USAGE = 64;
/** Exit code for an internal error (EX_SOFTWARE). */
export const EXIT_SOFTWARE = 70;

/** What main() needs from the outside world; tests pass their own. */
export interface MainDeps {
  readonly io: CliIO;
  readonly host?: Host;
  readonly now?: () => Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Run `check` in a worker thread running this program, stopped at its time limit (ignored when `host` is given). */
  readonly checkProgram?: CheckProgram;
}

function allFlags(): FlagSpec {
  return table(Object.assign({}, ...COMMANDS.map((c) => c.flags)) as FlagSpec);
}

/** Finds the command named by the first words; `check` when none is given. */
function findCommand(words: readonly string[]): { command: Command; rest: readonly string[] } | null {
  if (words.length === 0) return { command: COMMANDS[0]!, rest: [] };
  const byLength = [...COMMANDS].sort((a, b) => b.words.length - a.words.length);
  for (const c of byLength) {
    if (c.words.every((w, i) => words[i] === w)) return { command: c, rest: words.slice(c.words.length) };
  }
  return null;
}

/** Runs the CLI and returns its exit code. Never throws: errors are printed in the user's language. */
export async function main(argv: readonly string[], deps: MainDeps): Promise<number> {
  // Everything printed goes through one escaping function: no control character from a file name, an
  // output or the audit log reaches the terminal raw.
  const io = escapingIO(deps.io);
  // Usage errors are reported in the language asked for, even when the rest of the line is wrong.
  let t = printableTranslator(createTranslator(languageHint(argv)));
  try {
    const args = parseArgs(argv, allFlags());
    t = printableTranslator(createTranslator(args.lang));
    if (args.version) {
      io.out(`${TOOL_NAME} ${TOOL_VERSION}\n`);
      return 0;
    }
    if (args.help) {
      io.out(`${t.t('cli:usage')}\n`);
      return 0;
    }
    const found = findCommand(args.words);
    if (!found) throw new UsageError('cli:error.unknownCommand', { command: args.words.join(' ') });
    if (found.rest.length > (found.command.operands ?? 0)) throw new UsageError('cli:error.unexpectedArgument', { arg: found.rest[found.command.operands ?? 0]! });
    for (const flag of Object.keys(args.flags)) {
      if (own(found.command.flags, flag) === undefined && own(GLOBAL_FLAGS, flag) === undefined) {
        throw new UsageError('cli:error.unknownOption', { option: `--${flag}` });
      }
    }
    const env = deps.env ?? process.env;
    const host = deps.host ?? hostFromEnv(env);
    const limitMs = checkTimeLimitFromEnv(env);
    const policyFile = typeof args.flags.policy === 'string' ? args.flags.policy : undefined;
    let base: Policy;
    try {
      base = policyFile ? await readPolicyFile(host, policyFile) : builtinPolicy();
    } catch (e) {
      // The policy asked for cannot be used: say so and check nothing, rather than judge by another one.
      const detail = e instanceof PolicyError ? e.issues.join('\n  ') : isHostError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
      io.err(`${t.t('cli:error.prefix')}: ${t.t('cli:error.badPolicy', { file: policyFile ?? '' })}\n  ${detail}\n`);
      return EXIT_USAGE;
    }
    const now = deps.now ?? (() => new Date());
    // The organisation's signed policy and Group Policy over it (or the reason they were refused); their language when --lang is absent.
    // A text Group Policy value reg query could not print is exported into the data folder, made here on a first run.
    const dataWriter = memoWriterFor(host, userDataDir(host));
    const policyInForce = await loadPolicyInForce(host, now(), base, dataWriter ? { dataWriter } : {});
    const lang = args.flags.lang === undefined && policyInForce.choices.defaultLanguage ? policyInForce.choices.defaultLanguage : args.lang;
    if (lang !== args.lang) t = printableTranslator(createTranslator(lang));
    return await found.command.run({
      io,
      args: { ...args, lang },
      operands: found.rest,
      t,
      host,
      policy: policyInForce.policy,
      policyInForce,
      now,
      dataDir: userDataDir(host),
      checkRunner: deps.checkProgram && !deps.host ? workerThreadRunner(deps.checkProgram, env, limitMs) : inProcessRunner(limitMs),
    });
  } catch (e) {
    if (e instanceof FixtureSpecError) {
      // The sentence in the person's language; the technical detail on its own line.
      io.err(`${t.t('cli:error.prefix')}: ${t.t('cli:error.badFixture', { file: e.file })}\n  ${e.problem}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`${t.t('cli:error.prefix')}: ${t.t(e.key, e.params)}\n\n${t.t('cli:usage')}\n`);
      return EXIT_USAGE;
    }
    io.err(`${t.t('cli:error.prefix')}: ${t.t('cli:error.internal', { message: e instanceof Error ? e.message : String(e) })}\n`);
    return EXIT_SOFTWARE;
  }
}

/** Entry point when run as a program; in a worker thread with CHECK_PROCESS_ARG, it is the check of its parent. */
export function runAsProgram(): void {
  // The check thread saves its code cache (launcher.ts) before its report: the parent terminates it then.
  if (process.argv[2] === CHECK_PROCESS_ARG && serveCheckThread(process.env, saveCodeCache)) return;
  const self = process.argv[1];
  const early = takeEarlyCheckThread();
  void main(process.argv.slice(2), { io: processIO(), ...(self ? { checkProgram: { modulePath: self, args: [CHECK_PROCESS_ARG], ...(early ? { early } : {}) } } : {}) }).then((code) => {
    process.exitCode = code;
  });
}
