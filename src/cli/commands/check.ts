import { CHECK_IDS, defaultChecks } from '../../core/checks/default-checks';
import { exitCodeFor, selectChecks } from '../../core/engine';
import { memoWriterFor } from '../../core/host/memo-writer';
import { UsageError } from '../args';
import type { Command } from '../command';
import { catalogFileFlag, loadForCli } from './catalog';
import { renderReport } from '../render-report';

/** `attt-selfcheck check [--only banned-app|os-patch] [--json] [--lang vi|en] [--catalog FILE]`: run the checks and print the report. */
export const checkCommand: Command = {
  words: ['check'],
  flags: { catalog: 'string', only: 'string' },
  async run(ctx) {
    const only = ctx.args.flags.only === undefined ? undefined : String(ctx.args.flags.only);
    const checks = selectChecks(defaultChecks(), only);
    if (!checks) throw new UsageError('cli:error.badOnly', { value: only ?? '', choices: CHECK_IDS.join(', ') });
    const catalogFile = catalogFileFlag(ctx);
    // Say at once on stderr when the catalog given is refused; the check still runs with the built-in one.
    if (catalogFile) await loadForCli(ctx, catalogFile);
    const memoWriter = memoWriterFor(ctx.host, ctx.dataDir);
    const report = await ctx.checkRunner({ host: ctx.host, policy: ctx.policy, now: ctx.now(), dataDir: ctx.dataDir, ...(catalogFile ? { catalogFile } : {}), ...(memoWriter ? { memoWriter } : {}) }, checks);
    ctx.io.out(ctx.args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, ctx.t));
    return exitCodeFor(report.findings);
  },
};
