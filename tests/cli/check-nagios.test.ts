// check --format nagios through the CLI on recorded machines (ATTT_SELFCHECK_FIXTURE): one plugin line whose
// state matches the exit code, a summary in the chosen language, and performance data in the plugin guidelines' form.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n/translator';
import type { Report } from '../../src/shared/report';
import { envFor, MACHINES, run } from './fleet-machines';

/**
 * The plugin output as the Nagios plugin guidelines define it: `STATE - text | perfdata`, the perfdata space
 * separated `'label'=value[UOM];[warn];[crit];[min];[max]`, value a number; returns the labels and values.
 */
function parsePluginLine(line: string): { state: string; text: string; perf: Record<string, number> } {
  const m = /^(OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+?) \| (.+)$/.exec(line);
  if (!m) throw new Error(`not a plugin line: ${line}`);
  const perf: Record<string, number> = {};
  for (const item of m[3]!.split(' ')) {
    const p = /^([^'= ]+|'(?:[^']|'')+')=(-?[0-9.]+)(us|ms|s|%|B|KB|MB|TB|c)?(;[^;]*){0,4}$/.exec(item);
    if (!p) throw new Error(`not a perfdata item: ${item}`);
    perf[p[1]!] = Number(p[2]);
  }
  return { state: m[1]!, text: m[2]!, perf };
}

describe('check --format nagios', () => {
  it.each([
    ['clean', 0, 'OK'],
    ['pending', 1, 'WARNING'],
    ['zoom', 2, 'CRITICAL'],
    ['blind', 3, 'UNKNOWN'],
  ] as const)('%s machine: exit %i, state %s, counts equal to the report\'s', async (name, code, state) => {
    const env = envFor(name, MACHINES[name]);
    const r = await run(env, ['check', '--format', 'nagios']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.slice(0, -1)).not.toMatch(/[\n\r]/);
    const line = parsePluginLine(r.stdout.slice(0, -1));
    expect(line.state).toBe(state);
    // The same machine's --json report: the perfdata are its counts, nothing else.
    const json = await run(env, ['check', '--json']);
    const report = JSON.parse(json.stdout) as Report;
    expect(json.code).toBe(code);
    expect(line.perf).toEqual({ violations: report.summary.violation, warnings: report.summary.warning, unknown: report.summary.unknown, notices: report.summary.notice });
  });

  it('the summary is in Vietnamese by default and in English with --lang en, naming the machine and each finding worst first', async () => {
    const env = envFor('zoom', MACHINES.zoom);
    const report = JSON.parse((await run(env, ['check', '--json'])).stdout) as Report;
    const wrong = report.findings.filter((f) => f.status !== 'ok');
    expect(wrong.length).toBeGreaterThan(0);
    for (const lang of ['vi', 'en'] as const) {
      const t = createTranslator(lang);
      const line = parsePluginLine((await run(env, ['check', '--format', 'nagios', '--lang', lang])).stdout.trimEnd());
      const counts = lang === 'vi' ? 'Máy may-co-zoom: 3 vi phạm, 0 cảnh báo, 0 chưa kiểm tra được: ' : 'Computer may-co-zoom: 3 violations, 0 warnings, 0 could not be checked: ';
      expect(line.text).toBe(counts + [...new Set(wrong.map((f) => t.message(f.title)))].join('; '));
    }
    expect(parsePluginLine((await run(env, ['check', '--format', 'nagios'])).stdout.trimEnd()).text).toContain('Zoom');
    // A clean machine says only its counts.
    const clean = parsePluginLine((await run(envFor('clean', MACHINES.clean), ['check', '--format', 'nagios'])).stdout.trimEnd());
    expect(clean.text).toBe('Máy may-sach: 0 vi phạm, 0 cảnh báo, 0 chưa kiểm tra được');
    // English counts take their plural forms.
    const pending = parsePluginLine((await run(envFor('pending-en', MACHINES.pending), ['check', '--format', 'nagios', '--lang', 'en'])).stdout.trimEnd());
    expect(pending.text).toMatch(/^Computer may-chua-va: 0 violations, 1 warning, 0 could not be checked: /);
  });

  it('--only banned-app: the line and the exit code are the banned-app check\'s alone', async () => {
    const env = envFor('pending-only', MACHINES.pending);
    const r = await run(env, ['check', '--only', 'banned-app', '--format', 'nagios']);
    expect(r.code).toBe(0);
    expect(parsePluginLine(r.stdout.trimEnd())).toMatchObject({ state: 'OK', perf: { violations: 0, warnings: 0, unknown: 0 } });
  });

  it('a hostile host name (a pipe, a line break, an escape sequence, a bidi override) cannot end the line or forge perfdata', async () => {
    const env = envFor('hostile', { ...MACHINES.zoom, hostname: 'may|violations=0\nOK - \u001b[2J\u202eabc' });
    const r = await run(env, ['check', '--format', 'nagios']);
    expect(r.code).toBe(2);
    const out = r.stdout.slice(0, -1);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out.split('|')).toHaveLength(2);
    expect(parsePluginLine(out)).toMatchObject({ state: 'CRITICAL', perf: { violations: 3, warnings: 0, unknown: 0 } });
  });

  it.each([
    [['check', '--format', 'xml'], 'There is no format «xml»; use one of: text, json, nagios, ecs.'],
    [['check', '--format', 'nagios', '--json'], 'Only one of the options --json, --format can be used at a time.'],
    [['history', '--format', 'nagios'], 'There is no option «--format».'],
  ])('%j is bad usage (exit 64), nothing checked', async (args, message) => {
    const r = await run(envFor('clean-usage', MACHINES.clean), [...args, '--lang', 'en']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('--format json and --format text are the same as --json and the default', async () => {
    const env = envFor('zoom-same', MACHINES.zoom);
    const asJson = await run(env, ['check', '--format', 'json']);
    const json = await run(env, ['check', '--json']);
    expect(JSON.parse(asJson.stdout).findings).toEqual(JSON.parse(json.stdout).findings);
    expect((await run(env, ['check', '--format', 'text'])).stdout).toContain('Bằng chứng:');
  });
});
