import { createHash } from 'node:crypto';
import type { AdvisoryPoint, Finding, Message } from '../../shared/finding';
import type { PolicyProvenance } from '../../shared/org-policy';
import type { Host } from '../host/host';
import type { MutableHost } from '../host/mutable-host';
import type { Policy } from '../policy/policy-schema';

/** What every check is given: the door to the OS, the policy, and the time to judge against. */
export interface CheckContext {
  readonly host: Host;
  readonly policy: Policy;
  /** The clock, injected so that date decisions are testable. */
  readonly now: Date;
  /** Folder of the user's app data (state, catalogs placed by IT); absent in pure tests. */
  readonly dataDir?: string;
  /** A signed release catalog given on the command line (`check --catalog FILE`). */
  readonly catalogFile?: string;
  /**
   * Writes the checks' memo files (answers kept between checks, e.g. the pending updates) into dataDir,
   * confined to it; absent (a recorded machine, pure tests) means nothing is kept and every check looks in full.
   */
  readonly memoWriter?: MutableHost;
  /** Where `policy` came from (the organisation's file or Group Policy) and what was refused; the report records it. */
  readonly provenance?: PolicyProvenance;
}

/** A check: looks at the machine through ctx.host and returns findings. Never throws on purpose. */
export interface Check {
  readonly id: string;
  /** The point of the advisory this check concerns, for findings about the check itself. */
  readonly advisoryPoint: AdvisoryPoint;
  /** Further points it concerns (the online apps: 4 besides 3); absent: none. */
  readonly alsoPoints?: readonly AdvisoryPoint[];
  /**
   * Starts before the other checks, which begin once it has spawned its first command or ended (see the
   * engine): the check whose slow command (apt-get, softwareupdate) bounds the whole run then starts it on
   * an idle machine, not behind every other check's reads.
   */
  readonly leads?: true;
  run(ctx: CheckContext): Promise<readonly Finding[]>;
}

/** A stable finding id: the same thing found twice gives the same id. */
export function findingId(check: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
  return `${check}:${hash}`;
}

/** Builds a message. */
export function msg(key: string, params?: Record<string, string | number>): Message {
  return params ? { key, params } : { key };
}

/** Turns an error thrown anywhere into a short reason text. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
