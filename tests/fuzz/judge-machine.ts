/**
 * Runs one fuzzed machine the way a user's check does (every default check, the removal planner, the CLI's
 * rendering in Vietnamese and English) and says what went wrong: a crash, a hang past the limit, or an `ok`
 * for Zoom on a machine that carries an intact Zoom signal.
 */
import { renderReport } from '../../src/cli/render-report';
import { defaultChecks } from '../../src/core/checks/default-checks';
import { runChecks } from '../../src/core/engine';
import type { Check } from '../../src/core/checks/check';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { createTranslator } from '../../src/core/i18n/translator';
import { builtinPolicy } from '../../src/core/policy/policy';
import { planFindings } from '../../src/core/remediation/plan-findings';
import type { FuzzMachine } from './machines';

/** What went wrong on one machine; all empty/false when it held up. */
export interface MachineVerdict {
  readonly crashes: readonly string[];
  readonly hangs: readonly string[];
  /** The signal the banned-app check said `ok` (or found nothing) for. */
  readonly falseOk: string | null;
}

/** Reasons the engine and the banned-app check give when a check or probe threw or ran out of time. */
const CRASH_KEYS = new Set(['common:reason.checkCrashed', 'common:reason.probeCrashed']);
const HANG_KEYS = new Set(['common:reason.checkTimeout']);

const policy = builtinPolicy();
const translators = [createTranslator('vi'), createTranslator('en')];

/** Judges one machine. Never throws: whatever throws is a crash in the verdict. */
export async function judgeMachine(machine: FuzzMachine, timeLimitMs: number, checks: readonly Check[] = defaultChecks()): Promise<MachineVerdict> {
  const crashes: string[] = [];
  const hangs: string[] = [];
  const host = new FixtureHost(machine.spec);
  const now = new Date('2026-12-01T08:00:00Z');
  let report;
  try {
    report = await runChecks({ host, policy, now }, { checks, timeLimitMs });
  } catch (e) {
    return { crashes: [`runChecks threw: ${String(e)}`], hangs, falseOk: null };
  }
  for (const f of report.findings) {
    const key = f.reason?.key ?? '';
    if (CRASH_KEYS.has(key)) crashes.push(`${f.check}: ${JSON.stringify(f.reason?.params)}`);
    if (HANG_KEYS.has(key)) hangs.push(`${f.check}: ${JSON.stringify(f.reason?.params)}`);
    if (f.status === 'unknown' && !f.reason) crashes.push(`${f.check}: an unknown finding without a reason (${f.title.key})`);
  }
  for (const app of policy.bannedApps) {
    try {
      await planFindings(host, app, report.findings.filter((f) => f.check === 'banned-app'));
    } catch (e) {
      crashes.push(`planFindings threw: ${String(e)}`);
    }
  }
  for (const t of translators) {
    try {
      renderReport(report, t);
    } catch (e) {
      crashes.push(`renderReport(${t.language}) threw: ${String(e)}`);
    }
  }
  let falseOk: string | null = null;
  if (machine.signal) {
    const banned = report.findings.filter((f) => f.check === 'banned-app');
    const found = banned.some((f) => f.status === 'violation' || f.status === 'warning');
    if (!found || banned.some((f) => f.status === 'ok')) falseOk = machine.signal;
  }
  return { crashes, hangs, falseOk };
}
