// The fleet outputs from the shipped bundle, which runs the checks in a child process of its own: what Nagios or a log
// shipper runs on a PC. The recorded machine (ATTT_SELFCHECK_FIXTURE) has Zoom installed and running.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { envFor, MACHINES } from './fleet-machines';

const ROOT = join(__dirname, '..', '..');
const CLI = join(mkdtempSync(join(tmpdir(), 'attt-fleet-bundle-')), 'attt-selfcheck.cjs');
beforeAll(() => void execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), `--outfile=${CLI}`], { cwd: ROOT }), 60_000);

function cli(args: string[]) {
  const env = { ...process.env, ...envFor('bundle-zoom', MACHINES.zoom) };
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('fleet outputs from the bundled CLI', () => {
  it('check --format nagios: one CRITICAL line, exit 2, the counts of the --json report', () => {
    const json = cli(['check', '--json']);
    const report = JSON.parse(json.stdout) as Report;
    const r = cli(['check', '--format', 'nagios']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    expect(json.status).toBe(2);
    expect(r.stdout).toMatch(/^CRITICAL - Máy may-co-zoom: [^\n|]+ \| violations=\d+ warnings=\d+ unknown=\d+ notices=\d+\n$/);
    expect(r.stdout).toContain(`| violations=${report.summary.violation} warnings=${report.summary.warning} unknown=${report.summary.unknown} notices=${report.summary.notice}\n`);
  });

  it('check --ecs: one JSON line per finding of the --json report, exit 2', () => {
    const report = JSON.parse(cli(['check', '--json']).stdout) as Report;
    const r = cli(['check', '--ecs']);
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { event: { id: string } });
    expect(lines.map((l) => l.event.id)).toEqual(report.findings.map((f) => f.id));
  });
});
