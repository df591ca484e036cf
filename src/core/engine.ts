import type { Finding, FindingStatus } from '../shared/finding';
import type { ReportMachine } from '../shared/machine';
import { REPORT_SCHEMA_VERSION, type Report, type ReportSummary } from '../shared/report';
import { errorText, findingId, msg, type Check, type CheckContext } from './checks/check';
import { machineOf } from './host/machine-identity';
import { onceHost } from './host/once-host';
import { reportPolicy } from './policy/policy';
import { TOOL_NAME, TOOL_VERSION } from './version';

/** How long one check may take before it is reported as unknown. */
export const CHECK_TIME_LIMIT_MS = 120_000;

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
  // A context object of its own for this run: whatever probes share through it (a registry scan read once
  // for every probe, each command's result) lives for this run only, so a re-check after a removal looks again.
  const run: CheckContext = { ...ctx, host: onceHost(ctx.host) };
  // Read beside the checks, not before them; bounded in time, it never fails the run.
  const machine = machineOf(run.host);
  const perCheck = await Promise.all(
    options.checks.map(async (c) => {
      const found = await runOne(c, run, limit);
      options.onCheckDone?.(c, found);
      return found;
    }),
  );
  return buildReport(ctx, options.checks, perCheck.flat(), Math.max(0, clock() - started), await machine);
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
