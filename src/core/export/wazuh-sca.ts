/**
 * `export wazuh-sca`: the policy's banned apps as a Wazuh Security Configuration Assessment policy (YAML) for one
 * platform: a check per app and form whose f:/d:/r:/p:/c: rules find it; `condition: none`, so a PC passes only
 * when no rule finds the app.
 */
import type { BannedApp, Policy } from '../policy/policy-schema';
import { trimTrailing } from '../text/trim-trailing';

/** The platforms an SCA policy is made for, with osquery's names. */
export const SCA_PLATFORMS = ['linux', 'darwin', 'windows'] as const;
/** One of SCA_PLATFORMS. */
export type ScaPlatform = (typeof SCA_PLATFORMS)[number];

/** The words of a check, in the chosen language (the CLI passes its translator's). */
export type DescribeCheck = (app: BannedApp, form: ScaForm) => { readonly title: string; readonly description: string; readonly remediation: string };
/** What a check looks at. */
export type ScaForm = 'packages' | 'files' | 'processes' | 'registry' | 'launchd';

/** One SCA check. */
export interface ScaCheck {
  readonly id: number;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly condition: 'none';
  readonly rules: readonly string[];
}

/** A value as it may stand in a rule: no line break, no `->` or `&&` (the rule grammar's separators). */
function ruleValue(value: string): string {
  if (/[\r\n]| -> | && /.test(value) || value.includes('->')) throw new Error(`a policy value cannot stand in a Wazuh SCA rule: ${JSON.stringify(value)}`);
  return value;
}

/**
 * A value matched literally by Wazuh's lightweight regex (OS_Regex): `\`, `.`, `$`, `(`, `)` and `|` escaped;
 * `*`, `+` and `?` have no escape there, so a value holding one is refused.
 */
export function osRegexLiteral(value: string): string {
  if (/[*+?]/.test(value)) throw new Error(`Wazuh's regex cannot match * + ? literally: ${JSON.stringify(value)}`);
  return ruleValue(value).replace(/[\\.$()|]/g, (c) => `\\${c}`);
}

function linuxChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const l = app.linux;
  return {
    packages: [
      ...l.dpkg.map((n) => `c:dpkg -s ${ruleValue(n)} -> r:^Status: install ok installed`),
      ...l.rpm.map((n) => `c:rpm -q ${ruleValue(n)} -> r:^${osRegexLiteral(n)}-\\d`),
      ...l.snap.map((n) => `d:/snap/${ruleValue(n)}`),
      ...l.flatpak.map((id) => `d:/var/lib/flatpak/app/${ruleValue(id)}`),
    ],
    files: [...l.installPaths.map((p) => `d:${ruleValue(p)}`), ...l.launchers.map((p) => `f:${ruleValue(p)}`)],
    // By where the program runs from: a name alone would also find Debian's zoom-player (/usr/games/zoom).
    processes: l.installPaths.map((p) => `c:ps -eo args -> r:^${osRegexLiteral(`${trimTrailing(p, '/')}/`)}`),
  };
}

function macosChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const m = app.macos;
  return {
    packages: [...m.appNames.map((n) => `d:/Applications/${ruleValue(n)}`), ...m.receiptPrefixes.map((p) => `c:pkgutil --pkgs -> r:^${osRegexLiteral(p)}`)],
    processes: m.processNames.map((n) => `p:${ruleValue(n)}`),
    launchd: m.launchdLabelPrefixes.flatMap((p) => ['/Library/LaunchDaemons', '/Library/LaunchAgents'].map((d) => `d:${d} -> r:^${osRegexLiteral(p)}`)),
  };
}

const UNINSTALL = ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall'];

function windowsChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const w = app.windows;
  // PowerShell single-quoted: a quote is doubled.
  const ps = (path: string): string => `c:powershell -NoProfile -Command "Test-Path -Path '${ruleValue(path).replace(/'/g, "''")}'" -> r:^True`;
  return {
    registry: w.uninstallKeyNames.flatMap((k) => UNINSTALL.map((u) => `r:${u}\\${ruleValue(k)}`)),
    files: [
      ...w.programFilesExecutables.flatMap((e) => [`f:C:\\Program Files\\${ruleValue(e)}`, `f:C:\\Program Files (x86)\\${ruleValue(e)}`]),
      ...w.profileExecutables.map((e) => ps(`C:\\Users\\*\\AppData\\Roaming\\${e}`)),
    ],
    processes: w.processNames.map((n) => `p:${ruleValue(n)}`),
  };
}

const BY_PLATFORM: Readonly<Record<ScaPlatform, (app: BannedApp) => Partial<Record<ScaForm, string[]>>>> = { linux: linuxChecks, darwin: macosChecks, windows: windowsChecks };
const FORMS: readonly ScaForm[] = ['packages', 'files', 'processes', 'registry', 'launchd'];
/** What makes a PC one of the platform: the policy applies only where this rule holds. */
const REQUIREMENT: Readonly<Record<ScaPlatform, string>> = {
  linux: 'f:/etc/os-release',
  darwin: 'f:/System/Library/CoreServices/SystemVersion.plist',
  windows: 'r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
};

/** The SCA policy for one platform, as a plain object (`scaYaml` writes it). */
export function scaPolicy(policy: Policy, platform: ScaPlatform, words: { readonly name: string; readonly description: string; readonly requirement: string }, describe: DescribeCheck) {
  const checks: ScaCheck[] = [];
  // Ids: stable per app and form, in a range of their own (Wazuh's shipped policies use 1000–35000).
  policy.bannedApps.forEach((app, i) => {
    const forms = BY_PLATFORM[platform](app);
    FORMS.forEach((form, j) => {
      const rules = forms[form] ?? [];
      if (rules.length > 0) checks.push({ id: 90_000 + i * 100 + { linux: 0, darwin: 30, windows: 60 }[platform] + j, ...describe(app, form), condition: 'none', rules });
    });
  });
  const id = `attt_${policy.id.replace(/-/g, '_')}_${platform}`;
  return {
    policy: { id, file: `${id}.yml`, name: words.name, description: words.description, references: [`${policy.number} (${policy.date})`] },
    requirements: { title: words.requirement, description: words.requirement, condition: 'any', rules: [REQUIREMENT[platform]] },
    checks,
  };
}

/** A scalar as YAML writes it: JSON's double-quoted form is also YAML's. */
const q = (s: string | number): string => (typeof s === 'number' ? String(s) : JSON.stringify(s));

/** The policy as block YAML, every string double-quoted (backslashes of registry paths escaped). */
export function scaYaml(p: ReturnType<typeof scaPolicy>): string {
  const lines = ['# Wazuh SCA policy generated by attt-selfcheck export wazuh-sca from the policy data the app uses.', 'policy:'];
  lines.push(`  id: ${q(p.policy.id)}`, `  file: ${q(p.policy.file)}`, `  name: ${q(p.policy.name)}`, `  description: ${q(p.policy.description)}`, '  references:', ...p.policy.references.map((r) => `    - ${q(r)}`));
  lines.push('', 'requirements:', `  title: ${q(p.requirements.title)}`, `  description: ${q(p.requirements.description)}`, `  condition: ${p.requirements.condition}`, '  rules:', ...p.requirements.rules.map((r) => `    - ${q(r)}`));
  lines.push('', 'checks:');
  for (const c of p.checks) {
    lines.push(`  - id: ${c.id}`, `    title: ${q(c.title)}`, `    description: ${q(c.description)}`, `    remediation: ${q(c.remediation)}`, `    condition: ${c.condition}`, '    rules:', ...c.rules.map((r) => `      - ${q(r)}`));
  }
  return `${lines.join('\n')}\n`;
}
