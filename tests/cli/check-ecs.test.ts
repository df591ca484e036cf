// check --ecs through the CLI on recorded machines (ATTT_SELFCHECK_FIXTURE): one JSON line per finding, every field an
// ECS field, the categorization values among those ECS allows (elastic.co/docs/reference/ecs/ecs-allowed-values-event-kind,
// -event-category, -event-type, -event-outcome; host.os.type from the ECS field reference), the facts those of the report.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n/translator';
import type { Report } from '../../src/shared/report';
import { envFor, MACHINES, run } from './fleet-machines';

const KINDS = ['alert', 'asset', 'enrichment', 'event', 'metric', 'state', 'pipeline_error', 'signal'];
const OUTCOMES = ['failure', 'success', 'unknown'];
/** ECS event.category values and the event.type values ECS expects with each (those we may use). */
const EXPECTED_TYPES: Record<string, string[]> = {
  configuration: ['access', 'change', 'creation', 'deletion', 'info'],
  file: ['access', 'change', 'creation', 'deletion', 'info'],
  host: ['access', 'change', 'end', 'info', 'start'],
  network: ['access', 'allowed', 'connection', 'denied', 'end', 'info', 'protocol', 'start'],
  package: ['access', 'change', 'deletion', 'info', 'installation', 'start'],
  process: ['access', 'change', 'end', 'info', 'start'],
  registry: ['access', 'change', 'creation', 'deletion'],
};
const CATEGORIES = ['api', 'authentication', 'configuration', 'database', 'driver', 'email', 'file', 'host', 'iam', 'intrusion_detection', 'library', 'malware', 'network', 'package', 'process', 'registry', 'session', 'threat', 'vulnerability', 'web'];
const TYPES = ['access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'device', 'end', 'error', 'group', 'indicator', 'info', 'installation', 'protocol', 'start', 'user'];
const OS_TYPES = ['linux', 'macos', 'unix', 'windows', 'ios', 'android'];
/** The ECS fields a line may hold (labels.* is ECS's object of keywords). */
const ECS_FIELDS = new Set([
  '@timestamp', 'ecs.version', 'message',
  'event.kind', 'event.category', 'event.type', 'event.outcome', 'event.id', 'event.module', 'event.dataset', 'event.provider',
  'rule.id', 'rule.name', 'rule.reference', 'rule.ruleset', 'rule.category',
  // host.os.build is the Beats host-metadata field (add_host_metadata), beside ECS's host.os.*.
  'host.hostname', 'host.name', 'host.id', 'host.architecture', 'host.os.build', 'host.os.type', 'host.os.platform', 'host.os.name', 'host.os.full', 'host.os.version', 'host.os.kernel',
  'package.name', 'package.version', 'package.type', 'file.path', 'process.pid', 'process.name', 'process.executable',
  'observer.product', 'observer.version',
]);

type Doc = Record<string, unknown> & { event: Record<string, unknown>; rule: Record<string, string>; host: { os: Record<string, string> } & Record<string, unknown> };

/** Leaf field names, dotted (arrays are one field). */
function fieldsOf(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? fieldsOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

async function ecsAndReport(name: keyof typeof MACHINES, lang = 'vi') {
  const env = envFor(`${name}-ecs`, MACHINES[name]);
  const r = await run(env, ['check', '--ecs', '--lang', lang]);
  const json = await run(env, ['check', '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(json.code);
  expect(r.stdout.endsWith('\n')).toBe(true);
  const docs = r.stdout.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Doc);
  return { docs, report: JSON.parse(json.stdout) as Report, code: r.code };
}

describe('check --ecs', () => {
  it.each(['clean', 'pending', 'zoom', 'blind'] as const)('%s machine: one valid ECS line per finding, exit code as today', async (name) => {
    const { docs, report } = await ecsAndReport(name);
    expect(docs).toHaveLength(report.findings.length);
    docs.forEach((d, i) => {
      const f = report.findings[i]!;
      for (const field of fieldsOf(d)) {
        if (!field.startsWith('labels.')) expect(ECS_FIELDS.has(field), field).toBe(true);
      }
      expect(d['@timestamp']).toBe(report.generatedAt);
      expect(new Date(d['@timestamp'] as string).toISOString()).toBe(d['@timestamp']);
      expect(KINDS).toContain(d.event.kind);
      expect(OUTCOMES).toContain(d.event.outcome);
      const cats = d.event.category as string[];
      const types = d.event.type as string[];
      expect(cats.length).toBeGreaterThan(0);
      for (const c of cats) {
        expect(CATEGORIES).toContain(c);
        expect(types.some((t) => EXPECTED_TYPES[c]?.includes(t)), `${c} with ${types.join(',')}`).toBe(true);
      }
      for (const t of types) expect(TYPES).toContain(t);
      expect(d.event.outcome).toBe({ ok: 'success', violation: 'failure', warning: 'failure', unknown: 'unknown', notice: 'unknown' }[f.status]);
      expect(d.event.kind).toBe(f.status === 'violation' || f.status === 'warning' ? 'alert' : 'state');
      expect(d.event.id).toBe(f.id);
      expect(d.rule.reference).toBe(report.policy.title.vi);
      expect(d.rule.ruleset).toBe('1981/UBND-VHTT');
      expect(d.rule.id).toBe(`cv-1981-ubnd-vhtt.point-${f.advisoryPoint}.${f.check}`);
      expect(d.host.hostname).toBe(report.host.hostname);
      expect(OS_TYPES).toContain(d.host.os.type);
    });
  });

  it('Zoom installed: the package line names the package and version, the message is the finding in the chosen language', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const { docs, report } = await ecsAndReport('zoom', lang);
      const t = createTranslator(lang);
      const i = report.findings.findIndex((f) => f.evidence.some((e) => e.kind === 'package' && e.data?.manager === 'dpkg'));
      expect(i).toBeGreaterThanOrEqual(0);
      const d = docs[i]!;
      expect(d).toMatchObject({ event: { kind: 'alert', outcome: 'failure', category: ['package'] }, package: { name: 'zoom', version: '6.2.5.2440', type: 'dpkg' } });
      expect(d.message).toBe(t.message(report.findings[i]!.title));
      expect(d.rule.reference).toBe(report.policy.title[lang]);
      expect(d.rule.name).toBe(lang === 'vi' ? 'phần mềm bị cấm sử dụng (điểm 1)' : 'banned applications (point 1)');
      expect(d.host.os).toMatchObject({ type: 'linux', platform: 'debian', version: '12', full: 'Debian GNU/Linux 12 (bookworm)' });
      // The install folder's line carries its path; the running program's its process.
      expect(docs.some((x) => (x.file as { path?: string } | undefined)?.path === '/opt/zoom')).toBe(true);
      expect(docs.some((x) => (x.process as { pid?: number } | undefined)?.pid === 4242)).toBe(true);
    }
  });

  it('a check that could not look: outcome unknown, and the message says why', async () => {
    const { docs, report } = await ecsAndReport('blind');
    const i = report.findings.findIndex((f) => f.status === 'unknown');
    const t = createTranslator('vi');
    expect(docs[i]).toMatchObject({ event: { kind: 'state', outcome: 'unknown' } });
    expect(docs[i]!.message).toBe(`${t.message(report.findings[i]!.title)} — ${t.message(report.findings[i]!.reason!)}`);
  });

  it('a hostile host name stays inside its JSON string: one line per finding, the value intact', async () => {
    const hostname = 'may\n{"event":{"kind":"forged"}}\u001b[2J\u202e';
    const r = await run(envFor('hostile-ecs', { ...MACHINES.zoom, hostname }), ['check', '--ecs']);
    const lines = r.stdout.slice(0, -1).split('\n');
    const json = JSON.parse((await run(envFor('hostile-ecs', { ...MACHINES.zoom, hostname }), ['check', '--json'])).stdout) as Report;
    expect(lines).toHaveLength(json.findings.length);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    for (const l of lines) expect((JSON.parse(l) as Doc).host.hostname).toBe(hostname);
  });

  it.each([
    [['check', '--ecs', '--json'], 'Only one of the options --json, --ecs can be used at a time.'],
    [['check', '--ecs', '--format', 'nagios'], 'Only one of the options --ecs, --format can be used at a time.'],
    [['fix', 'zoom', '--ecs'], 'There is no option «--ecs».'],
  ])('%j is bad usage (exit 64)', async (args, message) => {
    const r = await run(envFor('clean-ecs-usage', MACHINES.clean), [...args, '--lang', 'en']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
