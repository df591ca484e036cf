/**
 * `check --ecs`: one Elastic Common Schema document per finding, for the Elastic agent, Filebeat, Fluent Bit or
 * Wazuh to ship unchanged. Field names and categorization values are ECS's (docs/fleet.md lists them).
 */
import type { Evidence, EvidenceKind, Finding, FindingStatus } from '../../shared/finding';
import type { Report } from '../../shared/report';
import type { Translator } from '../i18n/translator';

/** The ECS version the documents follow. */
export const ECS_VERSION = '8.11.0';

/** ECS `event.category` values we use, by what the evidence is. */
const CATEGORY: Readonly<Record<EvidenceKind, EcsCategory>> = {
  package: 'package',
  receipt: 'package',
  'browser-extension': 'package',
  process: 'process',
  port: 'network',
  file: 'file',
  folder: 'file',
  'app-bundle': 'file',
  installer: 'file',
  launcher: 'file',
  registry: 'registry',
  'launch-agent': 'configuration',
  'url-handler': 'configuration',
  os: 'host',
  update: 'host',
  catalog: 'host',
  probe: 'host',
};
type EcsCategory = 'package' | 'process' | 'network' | 'file' | 'registry' | 'configuration' | 'host';

/** The `event.type` for each category: one of the types ECS expects in it (registry has no `info`). */
const TYPE: Readonly<Record<EcsCategory, string>> = { package: 'info', process: 'info', network: 'info', file: 'info', registry: 'access', configuration: 'info', host: 'info' };

/**
 * A violation or warning is our rule firing (an alert raised outside the Elastic stack); ok, unknown and notice are
 * the machine's state (a notice: an online app is on the PC, which breaks no rule by itself).
 */
const KIND: Readonly<Record<FindingStatus, 'alert' | 'state'>> = { violation: 'alert', warning: 'alert', unknown: 'state', notice: 'state', ok: 'state' };
/**
 * Whether the machine passed the rule: failure for a violation or warning, unknown when the check could not look,
 * and unknown for a notice too (ECS: the outcome cannot be determined): whether the app is used as points 3 and 4
 * ask is not something the PC shows.
 */
const OUTCOME: Readonly<Record<FindingStatus, 'success' | 'failure' | 'unknown'>> = { violation: 'failure', warning: 'failure', unknown: 'unknown', notice: 'unknown', ok: 'success' };

/** ECS `host.os.type` for Node's platform names. */
function osType(os: string): string | undefined {
  return ({ linux: 'linux', darwin: 'macos', win32: 'windows' } as Record<string, string>)[os];
}

/** One ECS document (nested objects, as Elasticsearch stores them). */
export type EcsDocument = Readonly<Record<string, unknown>>;

function categories(f: Finding): EcsCategory[] {
  const found = [...new Set(f.evidence.map((e) => CATEGORY[e.kind]).filter((c) => c !== undefined))];
  return found.length > 0 ? found : [f.check === 'os-patch' ? 'host' : 'package'];
}

/** The machine's OS as the os-patch check read it (os-release, sw_vers, the registry), if it ran. */
function osOf(report: Report): Record<string, string> {
  const os: Record<string, string> = { kernel: report.host.release };
  const type = osType(report.host.os);
  if (type) os.type = type;
  const e = report.findings.flatMap((f) => f.evidence).find((x) => x.kind === 'os' && !x.label);
  if (e) {
    os.full = e.detail;
    if (e.version) os.version = e.version;
    const id = e.data?.id;
    os.platform = typeof id === 'string' ? id : report.host.os;
  } else {
    os.platform = report.host.os;
  }
  // The machine section (systeminformation): the build, and the version and name where the check found none.
  const m = report.machine?.state === 'known' ? report.machine : undefined;
  if (m?.osBuild) os.build = m.osBuild;
  if (m?.osVersion && !os.version) os.version = m.osVersion;
  if (m?.osName) os.name = m.osName;
  return os;
}

/** ECS `host.*`: the name and architecture, the system UUID as `host.id` (osquery's host identifier) when read. */
function hostOf(report: Report): Record<string, unknown> {
  const id = report.machine?.state === 'known' ? report.machine.systemUuid : undefined;
  return { hostname: report.host.hostname, name: report.host.hostname, ...(id ? { id } : {}), architecture: report.host.arch, os: osOf(report) };
}

function packageOf(f: Finding): Record<string, string> | undefined {
  const e = f.evidence.find((x) => x.kind === 'package' || x.kind === 'receipt');
  if (!e) return undefined;
  const name = typeof e.data?.name === 'string' ? e.data.name : undefined;
  if (!name) return undefined;
  return { name, ...(e.version ? { version: e.version } : {}), ...(typeof e.data?.manager === 'string' ? { type: e.data.manager } : {}) };
}

function pathOf(f: Finding): string | undefined {
  const fileKinds: readonly EvidenceKind[] = ['file', 'folder', 'app-bundle', 'installer', 'launcher', 'launch-agent', 'package'];
  return f.evidence.find((e: Evidence) => e.path && fileKinds.includes(e.kind))?.path;
}

/** A running process of the finding, as ECS's process fields. */
function processOf(f: Finding): Record<string, string | number> | undefined {
  const e = f.evidence.find((x) => x.kind === 'process');
  if (!e) return undefined;
  const pid = Number(e.data?.pid);
  return { ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}), ...(typeof e.data?.name === 'string' ? { name: e.data.name } : {}), ...(e.path ? { executable: e.path } : {}) };
}

/** The finding's sentence for a person: its title, and why it could not look when it could not. */
function messageOf(f: Finding, t: Translator): string {
  return f.reason ? `${t.message(f.title)} — ${t.message(f.reason)}` : t.message(f.title);
}

/** The report as ECS documents, one per finding, in the translator's language. */
export function ecsDocuments(report: Report, t: Translator): EcsDocument[] {
  const host = hostOf(report);
  return report.findings.map((f) => {
    const cats = categories(f);
    const pkg = packageOf(f);
    const path = pathOf(f);
    const proc = processOf(f);
    return {
      '@timestamp': report.generatedAt,
      ecs: { version: ECS_VERSION },
      event: {
        kind: KIND[f.status],
        category: cats,
        type: [...new Set(cats.map((c) => TYPE[c]))],
        outcome: OUTCOME[f.status],
        id: f.id,
        module: 'attt_selfcheck',
        dataset: 'attt_selfcheck.finding',
        provider: report.tool.name,
      },
      rule: {
        id: `${report.policy.id}.point-${f.advisoryPoint}.${f.check}`,
        name: t.t(`cli:check.${f.check}`),
        reference: report.policy.title[t.language],
        ruleset: report.policy.number,
        category: f.check,
      },
      host,
      ...(pkg ? { package: pkg } : {}),
      ...(path ? { file: { path } } : {}),
      ...(proc ? { process: proc } : {}),
      message: messageOf(f, t),
      labels: { status: f.status, severity: f.severity, advisory_point: String(f.advisoryPoint) },
      observer: { product: report.tool.name, version: report.tool.version },
    };
  });
}

/** The report as the lines `check --ecs` prints and the tray appends to its log: one JSON document per line, no newline inside. */
export function ecsLines(report: Report, t: Translator): string[] {
  return ecsDocuments(report, t).map((d) => JSON.stringify(d));
}
