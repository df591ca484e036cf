/**
 * The browser part of `export wazuh-sca`: a check per browser whose patched majors the catalog knows, failing
 * (`condition: none`) when an install's version is on a major its vendor no longer patches. Linux reads the package
 * (`dpkg -s`, `rpm -q --qf %{VERSION}`), Windows the Uninstall entries of the machine and of every loaded user hive
 * by the policy's DisplayName patterns (PowerShell), macOS the bundle's CFBundleShortVersionString (`defaults read`)
 * where the bundle's name has no space (a command rule's arguments are split at spaces) and its channel is told by
 * its version (not Firefox: ESR's bundle is the same). The majors are those patched on the day the policy is made.
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { PolicyBrowser } from '../policy/policy-schema';
import { patchedOn, patchedOnAnyChannel } from './osquery-browsers';
import type { ScaCheck, ScaPlatform } from './wazuh-sca';

/** The words of a browser check, in the chosen language; `majors` are the lines still patched. */
export type DescribeBrowserCheck = (browser: PolicyBrowser, majors: string) => { readonly title: string; readonly description: string; readonly remediation: string };

const UNINSTALL_PS = [
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  'Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
];

/** Numeric tests on a version's major (its leading digits, after `prefix`): below the oldest patched line, or between two. */
export function unpatchedTests(prefix: string, majors: readonly number[]): string[] {
  const sorted = [...new Set(majors)].sort((a, b) => a - b);
  const n = (op: string, v: number): string => `n:^${prefix}(\\d+)\\. compare ${op} ${v}`;
  const out = [n('<', sorted[0]!)];
  for (let i = 0; i + 1 < sorted.length; i++) if (sorted[i + 1]! - sorted[i]! > 1) out.push(`${n('>', sorted[i]!)} && ${n('<', sorted[i + 1]!)}`);
  return out;
}

/** A value that may stand in a rule: no line break and no ` -> ` / ` && ` separators. */
function plain(value: string): string {
  if (/[\r\n]|->| && /.test(value)) throw new Error(`a policy value cannot stand in a Wazuh SCA rule: ${JSON.stringify(value)}`);
  return value;
}

function rulesOf(b: PolicyBrowser, platform: ScaPlatform, majors: readonly number[]): string[] {
  const tests = (prefix: string): string[] => unpatchedTests(prefix, majors);
  if (platform === 'linux') {
    return [...b.linux.dpkg.flatMap((p) => tests('Version: ').map((t) => `c:dpkg -s ${plain(p)} -> ${t}`)), ...b.linux.rpm.flatMap((p) => tests('').map((t) => `c:rpm -q --qf %{VERSION} ${plain(p)} -> ${t}`))];
  }
  if (platform === 'windows') {
    if (b.windows.displayNamePatterns.length === 0) return [];
    const paths = UNINSTALL_PS.map((p) => `'${p}'`).join(',');
    const match = b.windows.displayNamePatterns.map((p) => `($_.DisplayName -match '${plain(p).replace(/'/g, "''")}')`).join(' -or ');
    const command = `powershell -NoProfile -Command "Get-ItemProperty -Path ${paths} -ErrorAction SilentlyContinue | Where-Object { ${match} } | ForEach-Object { $_.DisplayVersion }"`;
    return tests('').map((t) => `c:${command} -> ${t}`);
  }
  if (b.variants.some((v) => v.inChannelFile)) return [];
  return b.macos.appNames.filter((n) => !/\s/.test(n)).flatMap((n) => tests('').map((t) => `c:defaults read /Applications/${plain(n)}/Contents/Info CFBundleShortVersionString -> ${t}`));
}

/** The browser checks for one platform, ids from 95000 (one per browser, in the policy's order). */
export function browserScaChecks(browsers: readonly PolicyBrowser[], catalog: Catalog, now: Date, platform: ScaPlatform, describe: DescribeBrowserCheck): ScaCheck[] {
  const checks: ScaCheck[] = [];
  browsers.forEach((b, i) => {
    const own = patchedOn(catalog, b.id, now);
    if (!own) return;
    const majors = platform === 'linux' ? own : patchedOnAnyChannel(catalog, b, now, own);
    const rules = rulesOf(b, platform, majors);
    if (rules.length > 0) checks.push({ id: 95_000 + i * 10 + { linux: 0, darwin: 3, windows: 6 }[platform], ...describe(b, majors.join(', ')), condition: 'none', rules });
  });
  return checks;
}
