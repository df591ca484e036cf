import { defaultChecks } from '../../core/checks/default-checks';
import { exitCodeFor, runChecks } from '../../core/engine';
import type { Command } from '../command';
import { renderReport } from '../render-report';

/** `attt-selfcheck check [--json] [--lang vi|en]`: run every check and print the report. */
export const checkCommand: Command = {
  words: ['check'],
  flags: {},
  async run(ctx) {
    const report = await runChecks({ host: ctx.host, policy: ctx.policy, now: ctx.now(), dataDir: ctx.dataDir }, { checks: defaultChecks() });
    ctx.io.out(ctx.args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, ctx.t));
    return exitCodeFor(report.findings);
  },
};
