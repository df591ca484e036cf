import { defaultChecks } from '../../core/checks/default-checks';
import { exitCodeFor, runChecks } from '../../core/engine';
import { memoWriterFor } from '../../core/host/memo-writer';
import type { Command } from '../command';
import { catalogFileFlag, loadForCli } from './catalog';
import { renderReport } from '../render-report';

/** `attt-selfcheck check [--json] [--lang vi|en] [--catalog FILE]`: run every check and print the report. */
export const checkCommand: Command = {
  words: ['check'],
  flags: { catalog: 'string' },
  async run(ctx) {
    const catalogFile = catalogFileFlag(ctx);
    // Say at once on stderr when the catalog given is refused; the check still runs with the built-in one.
    if (catalogFile) await loadForCli(ctx, catalogFile);
    const memoWriter = memoWriterFor(ctx.host, ctx.dataDir);
    const report = await runChecks({ host: ctx.host, policy: ctx.policy, now: ctx.now(), dataDir: ctx.dataDir, ...(catalogFile ? { catalogFile } : {}), ...(memoWriter ? { memoWriter } : {}) }, { checks: defaultChecks() });
    ctx.io.out(ctx.args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, ctx.t));
    return exitCodeFor(report.findings);
  },
};
