import type { Host } from '../core/host/host';
import type { Translator } from '../core/i18n/translator';
import type { PolicyInForce } from '../core/policy/policy-in-force';
import type { Policy } from '../core/policy/policy-schema';
import type { FlagSpec, ParsedArgs } from './args';
import type { CheckRunner } from './check-runner';
import type { CliIO } from './io';

/** What a command is given. */
export interface CliContext {
  readonly io: CliIO;
  readonly args: ParsedArgs;
  /** The words after the command's own (`fix APP-ID`: the app id); only for a command that takes them. */
  readonly operands: readonly string[];
  readonly t: Translator;
  readonly host: Host;
  /** The policy in force (`policyInForce.policy`): the built-in one with the organisation's settings over it. */
  readonly policy: Policy;
  /** The same with the organisation's choices and where they came from (`policy show`, the report). */
  readonly policyInForce: PolicyInForce;
  readonly now: () => Date;
  /** The per-user data folder (history, audit log, catalogs). */
  readonly dataDir: string;
  /** How `check` runs the checks (in a worker thread stopped at its limit, when run as a program). */
  readonly checkRunner: CheckRunner;
}

/** One CLI command: the words that name it, its flags, and what it does. Returns the exit code. */
export interface Command {
  /** e.g. ['check'] or ['catalog', 'show']. */
  readonly words: readonly string[];
  /** How many words may follow the command's own (`fix APP-ID`: 1); none when absent. */
  readonly operands?: number;
  readonly flags: FlagSpec;
  run(ctx: CliContext): Promise<number>;
}
