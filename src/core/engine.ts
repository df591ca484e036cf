import type { Finding, FindingStatus } from '../shared/finding';
import type { ReportMachine } from '../shared/machine';
import { REPORT_SCHEMA_VERSION, type Report, type ReportSummary } from '../shared/report';
import { errorText, findingId, msg, type Check, type CheckContext } from './checks/check';
import type { Host } from './host/host';
import { machineOf } from './host/machine-identity';
import { onceHost } from './host/once-host';
import { reportPolicy } from './policy/policy';
import { TOOL_NAME, TOOL_VERSION } from './version';

/** How long one check may take before it is reported as unknown. */
export const CHECK_TIME_LIMIT_MS = 120_000;

/** How long the other checks wait at most for a leading check to spawn its first command. */
export const LEAD_WAIT_MS = 250;

/** Options of a run: which checks, and how long each may take. */
export interface RunChecksOptions {
  readonly checks: readonly Check[];
  readonly timeLimitMs?: number;
  /** Measures duration; injectable so reports from tests are reproducible. */
  readonly clock?: () => number;
  /** Told each check's findings as soon as it ends (a check process sends them on, so a later hang loses none). */
  readonly onCheckDone?: (check: Check, findings: readonly Finding[]) => void;
}

/** Runs every check and builds the Report. A check that throws or hangs yields an `unknown` finding, never a crash. */
export async function runChecks(ctx: CheckContext, options: RunChecksOptions): Promise<Report> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const limit = options.timeLimitMs ?? CHECK_TIME_LIMIT_MS;
  const lead = leadGate(options.checks.some((c) => c.leads));
  // A context object of its own for this run: whatever probes share through it (a registry scan read once
  // for every probe, each command's result) lives for this run only, so a re-check after a removal looks again.
  // Only a leading check runs before the gate opens, so the first command spawned on this host is its own.
  const run: CheckContext = { ...ctx, host: lead.watch(onceHost(ctx.host)) };
  const perCheck = Promise.all(
    options.checks.map(async (c) => {
      if (c.leads) {
        try {
          return runDone(c, await runOne(c, run, limit));
        } finally {
          lead.open();
        }
      }
      await lead.opened;
      return runDone(c, await runOne(c, run, limit));
    }),
  );
  // Read beside the checks, once the leading command has started; bounded in time, it never fails the run.
  const machine = lead.opened.then(() => machineOf(run.host));
  const findings = (await perCheck).flat();
  return buildReport(ctx, options.checks, findings, Math.max(0, clock() - started), await machine);

  function runDone(c: Check, found: readonly Finding[]): readonly Finding[] {
    options.onCheckDone?.(c, found);
    return found;
  }
}

/**
 * What the checks that do not lead wait on: opened when the first command of the run is spawned, when a leading
 * check ends, or after LEAD_WAIT_MS; open from the start when no check leads.
 */
function leadGate(anyLeads: boolean): { readonly opened: Promise<void>; open(): void; watch(host: Host): Host } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  if (!anyLeads) open();
  else setTimeout(open, LEAD_WAIT_MS).unref?.();
  const watch = (host: Host): Host =>
    new Proxy(host, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const bound = (value as (...a: unknown[]) => unknown).bind(target);
        if (prop !== 'run') return bound;
        return (...args: unknown[]) => {
          const result = bound(...args);
          open(); // after the spawn: the command is on its way before anything else starts
          return result;
        };
      },
    });
  return { opened, open: () => open(), watch };
}

/** The Report of a run of `checks` from their findings, in the order of the checks. */
export function buildReport(ctx: CheckContext, checks: readonly Pick<Check, 'id'>[], findings: readonly Finding[], durationMs: number, machine?: ReportMachine): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: ctx.now.toISOString(),
    host: { os: ctx.host.platform, release: ctx.host.osRelease, arch: ctx.host.arch, hostname: ctx.host.hostname },
    ...(machine ? { machine } : {}),
    policy: reportPolicy(ctx.policy, ctx.provenance),
    findings,
    checks: checks.map((c) => c.id),
    summary: summarize(findings),
    durationMs,
  };
}

/** The checks named by `only` (all of them when it is absent), in their order; null when `only` names no check. */
export function selectChecks(checks: readonly Check[], only: string | undefined): readonly Check[] | null {
  if (only === undefined) return checks;
  const chosen = checks.filter((c) => c.id === only);
  return chosen.length > 0 ? chosen : null;
}

async function runOne(check: Check, ctx: CheckContext, limitMs: number): Promise<readonly Finding[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
    timer.unref?.();
  });
  try {
    const result = await Promise.race([check.run(ctx), timeout]);
    if (result === 'timeout') return [checkFailed(check, msg('common:reason.checkTimeout', { check: check.id, count: Math.round(limitMs / 1000) }))];
    return result;
  } catch (e) {
    return [checkFailed(check, msg('common:reason.checkCrashed', { check: check.id, message: errorText(e) }))];
  } finally {
    clearTimeout(timer);
  }
}

/** The `unknown` finding of a check that could not give its own, with the reason. */
export function checkFailed(check: Pick<Check, 'id' | 'advisoryPoint'>, reason: Finding['reason'], evidence: Finding['evidence'] = []): Finding {
  return {
    id: findingId(check.id, 'check-failed'),
    check: check.id,
    status: 'unknown',
    severity: 'medium',
    advisoryPoint: check.advisoryPoint,
    title: msg('common:checkFailed.title', { check: check.id }),
    reason,
    evidence,
  };
}

/** Counts findings per status. */
export function summarize(findings: readonly Finding[]): ReportSummary {
  const s: Record<FindingStatus, number> = { violation: 0, warning: 0, unknown: 0, notice: 0, ok: 0 };
  for (const f of findings) s[f.status] += 1;
  return s;
}

/** Exit code as monitoring tools expect (Nagios): 0 ok, 1 warning, 2 violation, 3 unknown only; a notice never changes it. */
export function exitCodeFor(findings: readonly Finding[]): 0 | 1 | 2 | 3 {
  const s = summarize(findings);
  if (s.violation > 0) return 2;
  if (s.warning > 0) return 1;
  if (s.unknown > 0) return 3;
  return 0;
}
