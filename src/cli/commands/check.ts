import { CHECK_IDS, defaultChecks } from '../../core/checks/default-checks';
import { exitCodeFor, selectChecks } from '../../core/engine';
import { ecsLines } from '../../core/export/ecs';
import { nagiosLine } from '../../core/export/nagios';
import { memoWriterFor } from '../../core/host/memo-writer';
import type { MutableHost } from '../../core/host/mutable-host';
import { checkHistoryPath, recordCheck } from '../../core/history/check-history';
import { historyEntry } from '../../shared/history';
import type { Report } from '../../shared/report';
import { UsageError } from '../args';
import type { CliContext, Command } from '../command';
import { catalogFileFlag, loadForCli } from './catalog';
import { renderReport } from '../render-report';

/** The values of `--format`: how the report is printed. */
export const CHECK_FORMATS = ['text', 'json', 'nagios', 'ecs'] as const;
type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The one output asked for (`--ecs` is `--format ecs`); two at once (`--json --format nagios`) is bad usage. */
function outputFormat(ctx: CliContext): CheckFormat {
  const given = ctx.args.flags.format === undefined ? undefined : String(ctx.args.flags.format);
  if (ctx.args.flags.ecs === true && given !== undefined && given !== 'ecs') throw new UsageError('cli:error.conflictingOutputs', { options: '--ecs, --format' });
  const asked = ctx.args.flags.ecs === true ? 'ecs' : given;
  if (asked !== undefined && !(CHECK_FORMATS as readonly string[]).includes(asked)) {
    throw new UsageError('cli:error.badFormat', { value: asked, choices: CHECK_FORMATS.join(', ') });
  }
  if (asked !== undefined && ctx.args.json && asked !== 'json') throw new UsageError('cli:error.conflictingOutputs', { options: ctx.args.flags.ecs === true ? '--json, --ecs' : '--json, --format' });
  return ctx.args.json ? 'json' : ((asked as CheckFormat | undefined) ?? 'text');
}

function printed(report: Report, format: CheckFormat, ctx: CliContext): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'nagios') return nagiosLine(report, ctx.t);
  if (format === 'ecs') return ecsLines(report, ctx.t).map((l) => `${l}\n`).join('');
  return renderReport(report, ctx.t);
}

/** Adds the report to the check history; a history that cannot be rewritten without loss is left as it is, and said on stderr. */
async function keep(ctx: CliContext, writer: MutableHost, report: Report): Promise<void> {
  const file = checkHistoryPath(ctx.host, ctx.dataDir);
  try {
    const r = await recordCheck(ctx.host, writer, file, historyEntry(report));
    if (!r.written) ctx.io.err(`${ctx.t.message(r.reason)}\n`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.io.err(`${ctx.t.t('common:checkHistory.writeFailed', { path: file, message }).replace(/\n/g, '\n    ')}\n`);
  }
}

/** `attt-selfcheck check [--only banned-app|os-patch] [--json | --ecs | --format text|json|nagios|ecs] [--lang vi|en] [--catalog FILE]`: run the checks and print the report. */
export const checkCommand: Command = {
  words: ['check'],
  flags: { catalog: 'string', only: 'string', format: 'string', ecs: 'boolean' },
  async run(ctx) {
    const only = ctx.args.flags.only === undefined ? undefined : String(ctx.args.flags.only);
    const checks = selectChecks(defaultChecks(), only);
    if (!checks) throw new UsageError('cli:error.badOnly', { value: only ?? '', choices: CHECK_IDS.join(', ') });
    const format = outputFormat(ctx);
    const catalogFile = catalogFileFlag(ctx);
    // Say at once on stderr when the catalog given is refused; the check still runs with the built-in one.
    if (catalogFile) await loadForCli(ctx, catalogFile);
    const memoWriter = memoWriterFor(ctx.host, ctx.dataDir);
    const report = await ctx.checkRunner({ host: ctx.host, policy: ctx.policy, provenance: ctx.policyInForce.provenance, now: ctx.now(), dataDir: ctx.dataDir, ...(catalogFile ? { catalogFile } : {}), ...(memoWriter ? { memoWriter } : {}) }, checks);
    ctx.io.out(printed(report, format, ctx));
    // A full check on this machine is kept in the history the tray keeps too, so `history` says what changed.
    if (memoWriter && only === undefined) await keep(ctx, memoWriter, report);
    return exitCodeFor(report.findings);
  },
};
