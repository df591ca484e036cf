/**
 * `export wazuh-sca`: the policy's banned apps as a Wazuh Security Configuration Assessment policy (YAML) for one
 * platform: a check per app and form whose f:/d:/r:/p:/c: rules find it; `condition: none`, so a PC passes only
 * when no rule finds the app.
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { BannedApp, Policy } from '../policy/policy-schema';
import { browserScaChecks, type DescribeBrowserCheck } from './wazuh-sca-browsers';
import { TARBALL_MAX_DEPTH } from '../checks/banned-app/linux/tarball';
import { UNINSTALL_SUBPATH } from '../checks/banned-app/windows/uninstall-entries';
import { trimTrailing } from '../text/trim-trailing';

/** The platforms an SCA policy is made for, with osquery's names. */
export const SCA_PLATFORMS = ['linux', 'darwin', 'windows'] as const;
/** One of SCA_PLATFORMS. */
export type ScaPlatform = (typeof SCA_PLATFORMS)[number];

/** The words of a check, in the chosen language (the CLI passes its translator's). */
export type DescribeCheck = (app: BannedApp, form: ScaForm) => { readonly title: string; readonly description: string; readonly remediation: string };
/** What a check looks at. */
export type ScaForm = 'packages' | 'files' | 'processes' | 'registry' | 'launchd' | 'tarball' | 'installers' | 'url-handlers';

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

/**
 * A policy file-name pattern (a JavaScript regex, matched case-insensitively) as a POSIX extended regex for
 * find's -iregex: `\d` becomes `[0-9]`, a space `[[:blank:]]` (a command rule's arguments are split at spaces),
 * the anchors are dropped (find matches the whole path). What ERE has no form for is refused, never guessed.
 */
export function posixEre(pattern: string): string {
  if (/\\(?![d.()[\]\\+*?{}|^$-])|\(\?[:=!<]/.test(pattern)) throw new Error(`a policy pattern uses regex syntax find cannot read: ${JSON.stringify(pattern)}`);
  return ruleValue(pattern)
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\\d/g, '[0-9]')
    .replace(/ /g, '[[:blank:]]');
}

/** ERE alternatives of the installer patterns, under one of the policy's folders (Downloads, Desktop) of any home. */
function installerRegex(app: BannedApp): string | null {
  const { folders, filePatterns } = app.installers;
  if (folders.length === 0 || filePatterns.length === 0) return null;
  const dirs = folders.map((f) => posixEre(f.replace(/[.+*?()[\]{}|^$\\]/g, (c) => `\\${c}`)));
  return `.*/(${dirs.join('|')})/(${filePatterns.map(posixEre).join('|')})`;
}

/** A URL scheme (`[a-z][a-z0-9+.-]*`) inside an ERE. */
const ereScheme = (s: string): string => ruleValue(s).replace(/[.+]/g, (c) => `\\${c}`);

function linuxChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const l = app.linux;
  const installers = installerRegex(app);
  return {
    packages: [
      ...l.dpkg.map((n) => `c:dpkg -s ${ruleValue(n)} -> r:^Status: install ok installed`),
      ...l.rpm.map((n) => `c:rpm -q ${ruleValue(n)} -> r:^${osRegexLiteral(n)}-\\d`),
      ...l.snap.map((n) => `d:/snap/${ruleValue(n)}`),
      ...l.flatpak.map((id) => `d:/var/lib/flatpak/app/${ruleValue(id)}`),
    ],
    files: [...l.installPaths.map((p) => `d:${ruleValue(p)}`), ...l.launchers.map((p) => `f:${ruleValue(p)}`)],
    // By where the program runs from: a name alone would also find a Debian game player's program of the same name (/usr/games).
    processes: l.installPaths.map((p) => `c:ps -eo args -> r:^${osRegexLiteral(`${trimTrailing(p, '/')}/`)}`),
    // The tarball unpacked in a home, by its first file of `linux.tarballFiles`, as deep as the app's own walk looks.
    tarball: l.tarballFiles.slice(0, 1).flatMap((f) => [
      `c:find /home -mindepth 2 -maxdepth ${TARBALL_MAX_DEPTH + 2} -type f -name ${ruleValue(f)} -> r:/${osRegexLiteral(f)}$`,
      `c:find /root -mindepth 1 -maxdepth ${TARBALL_MAX_DEPTH + 1} -type f -name ${ruleValue(f)} -> r:/${osRegexLiteral(f)}$`,
    ]),
    installers: installers ? [`c:find /home /root -maxdepth 3 -type f -regextype posix-extended -iregex ${installers} -> r:^/`] : [],
    // The app's schemes in a mimeapps.list of any home (~/.config, ~/.local/share/applications), as the app's probe reads them.
    'url-handlers': app.urlSchemes.length
      ? [`c:find /home /root -maxdepth 5 -type f -name mimeapps.list -exec grep -l -E ^x-scheme-handler/(${app.urlSchemes.map(ereScheme).join('|')})= {} + -> r:mimeapps\\.list$`]
      : [],
  };
}

function macosChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const m = app.macos;
  const installers = installerRegex(app);
  return {
    packages: [...m.appNames.map((n) => `d:/Applications/${ruleValue(n)}`), ...m.receiptPrefixes.map((p) => `c:pkgutil --pkgs -> r:^${osRegexLiteral(p)}`)],
    processes: m.processNames.map((n) => `p:${ruleValue(n)}`),
    launchd: m.launchdLabelPrefixes.flatMap((p) => ['/Library/LaunchDaemons', '/Library/LaunchAgents'].map((d) => `d:${d} -> r:^${osRegexLiteral(p)}`)),
    // BSD find: -E for extended regexes, before the paths.
    installers: installers ? [`c:find -E /Users /var/root -maxdepth 3 -type f -iregex ${installers} -> r:^/`] : [],
  };
}

const UNINSTALL = ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall'];

/**
 * A policy value as literal text inside a PowerShell wildcard path: `*`, `?`, `[` and `]` escaped with a backtick; a
 * `"` (which would end the -Command argument) is refused.
 */
export function psWildcardLiteral(value: string): string {
  if (value.includes('"')) throw new Error(`a policy value cannot stand in a PowerShell command rule: ${JSON.stringify(value)}`);
  return ruleValue(value).replace(/[`*?[\]]/g, (c) => `\`${c}`);
}

function windowsChecks(app: BannedApp): Partial<Record<ScaForm, string[]>> {
  const w = app.windows;
  // `prefix` may hold the `*` that stands for every profile or hive; PowerShell single-quoted: a quote is doubled.
  const ps = (prefix: string, literal: string): string => `c:powershell -NoProfile -Command "Test-Path -Path '${`${prefix}${psWildcardLiteral(literal)}`.replace(/'/g, "''")}'" -> r:^True`;
  return {
    registry: w.uninstallKeyNames.flatMap((k) => [
      ...UNINSTALL.map((u) => `r:${u}\\${ruleValue(k)}`),
      // A per-user install (HKCU) is, to the agent running as SYSTEM, in HKEY_USERS\<SID>: Wazuh's r: rule reads one
      // literal key and cannot enumerate SIDs, so PowerShell's wildcard does. Only loaded hives (signed-in users) are there.
      ps(`Registry::HKEY_USERS\\*\\${UNINSTALL_SUBPATH}\\`, k),
    ]),
    files: [
      ...w.programFilesExecutables.flatMap((e) => [`f:C:\\Program Files\\${ruleValue(e)}`, `f:C:\\Program Files (x86)\\${ruleValue(e)}`]),
      ...w.profileExecutables.map((e) => ps('C:\\Users\\*\\AppData\\Roaming\\', e)),
    ],
    processes: w.processNames.map((n) => `p:${ruleValue(n)}`),
    // PowerShell's -match is case-insensitive, .NET regexes read the policy's patterns as JavaScript does.
    installers:
      app.installers.folders.length && app.installers.filePatterns.length
        ? [
            `c:powershell -NoProfile -Command "Get-ChildItem -Force -File -Path ${app.installers.folders.map((f) => `'C:\\Users\\*\\${ruleValue(f).replace(/'/g, "''")}'`).join(',')} -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '${app.installers.filePatterns.map((p) => `(${ruleValue(p).replace(/'/g, "''")})`).join('|')}' } | ForEach-Object { $_.FullName }" -> r:^\\w:\\\\`,
          ]
        : [],
    'url-handlers': app.urlSchemes.flatMap((scheme) => [
      `r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\${ruleValue(scheme)}`,
      ps('Registry::HKEY_USERS\\*\\Software\\Classes\\', scheme),
    ]),
  };
}

const BY_PLATFORM: Readonly<Record<ScaPlatform, (app: BannedApp) => Partial<Record<ScaForm, string[]>>>> = { linux: linuxChecks, darwin: macosChecks, windows: windowsChecks };
const FORMS: readonly ScaForm[] = ['packages', 'files', 'processes', 'registry', 'launchd', 'tarball', 'installers', 'url-handlers'];
/** What makes a PC one of the platform: the policy applies only where this rule holds. */
const REQUIREMENT: Readonly<Record<ScaPlatform, string>> = {
  linux: 'f:/etc/os-release',
  darwin: 'f:/System/Library/CoreServices/SystemVersion.plist',
  windows: 'r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
};

/** The SCA policy for one platform, as a plain object (`scaYaml` writes it). */
export function scaPolicy(
  policy: Policy,
  platform: ScaPlatform,
  words: { readonly name: string; readonly description: string; readonly requirement: string },
  describe: DescribeCheck,
  browsers?: { readonly catalog: Catalog; readonly now: Date; readonly describe: DescribeBrowserCheck },
) {
  const checks: ScaCheck[] = [];
  // Ids: stable per app and form, in a range of their own (Wazuh's shipped policies use 1000–35000).
  policy.bannedApps.forEach((app, i) => {
    const forms = BY_PLATFORM[platform](app);
    FORMS.forEach((form, j) => {
      const rules = forms[form] ?? [];
      if (rules.length > 0) checks.push({ id: 90_000 + i * 100 + { linux: 0, darwin: 30, windows: 60 }[platform] + j, ...describe(app, form), condition: 'none', rules });
    });
  });
  if (browsers) checks.push(...browserScaChecks(policy.browsers.list, browsers.catalog, browsers.now, platform, browsers.describe));
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
