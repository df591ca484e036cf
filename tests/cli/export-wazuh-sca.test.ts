// export wazuh-sca: the YAML parses (PyYAML, as Wazuh's own YAML parser would read it), its sections and checks have the
// fields and values Wazuh's SCA documentation allows ("Creating custom SCA policies": policy, requirements, checks;
// condition all|any|none; rules f:/d:/p:/c:/r: with `->` content checks, r:/n: operators, `&&`, `not`), and its rules
// find Zoom's install where the look-alikes are not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture-io';
import { main } from '../../src/cli/main';
import { osRegexLiteral, scaPolicy } from '../../src/core/export/wazuh-sca';
import { builtinPolicy } from '../../src/core/policy/policy';
import { writeMeetfastPolicy } from '../helpers/meetfast-policy';
import { frozenCatalog } from '../core/browser-patch/catalog';
import { unpatchedTests } from '../../src/core/export/wazuh-sca-browsers';

const hasYaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
if (!hasYaml) console.warn('export-wazuh-sca: YAML tests skipped: python3 with PyYAML (python3-yaml) is not installed');

async function exported(platform: string, lang = 'vi', extra: readonly string[] = []) {
  const io = capture();
  const code = await main(['export', 'wazuh-sca', '--platform', platform, '--lang', lang, ...extra], { io, env: {} });
  return { code, ...io };
}

type Sca = { policy: Record<string, unknown>; requirements: Record<string, unknown>; checks: Record<string, unknown>[] };

function parseYaml(text: string): Sca {
  const r = spawnSync('python3', ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin.read()), sys.stdout)'], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`not YAML: ${r.stderr}`);
  return JSON.parse(r.stdout) as Sca;
}

/** OS_Regex (Wazuh's lightweight regex): the escapes it knows; any other backslash is an error there. */
function validOsRegex(body: string): boolean {
  return !/\\[^wWdDsStp.$()\\|]/.test(body.replace(/\\\\/g, ''));
}

/** Wazuh's SCA rule grammar: [not ]TYPE:TARGET[ -> CONTENT[ -> CONTENT]] with CONTENT = [!](r:|n:)?VALUE[ && …]. */
function ruleProblem(rule: string, platform: string): string | null {
  const m = /^(not )?([fdpcr]):(.+)$/.exec(rule);
  if (!m) return 'no rule type';
  const [, , type, rest] = m;
  const parts = rest!.split(' -> ');
  const target = parts[0]!;
  if (target.trim() !== target || target === '') return 'empty or padded target';
  if (type === 'p' && parts.length > 1) return 'process rules are existence checks only';
  if (type === 'c' && parts.length < 2) return 'command rules check output only';
  if (type === 'r' && platform !== 'windows') return 'registry rules are Windows only';
  if ((type === 'f' || type === 'd') && !(platform === 'windows' ? /^[A-Z]:\\/.test(target) : target.startsWith('/'))) return 'not an absolute path';
  // The roots wm_sca / the SCA registry evaluator open; HKEY_CURRENT_USER is the agent's own (SYSTEM's) hive, never a user's.
  if (type === 'r' && !/^HKEY_(LOCAL_MACHINE|USERS|CLASSES_ROOT|CURRENT_CONFIG)\\/.test(target)) return 'not a registry key a SYSTEM agent reads for users';
  // f:, d: and r: test one literal path or key (exists / KeyExists): a wildcard there is a name, never expanded.
  if ('fdr'.includes(type!) && /[*?]/.test(target)) return 'a wildcard in a literal path or key';
  for (const content of parts.slice(1)) {
    for (const test of content.split(' && ')) {
      const t = /^!?(r:|n:)?(.+)$/.exec(test);
      if (!t) return `bad content test ${test}`;
      if (t[1] === 'r:' && !validOsRegex(t[2]!)) return `not OS_Regex: ${t[2]}`;
      if (t[1] === 'n:' && !/ compare (<=|>=|==|!=|<|>) -?\d+$/.test(t[2]!)) return 'numeric test without compare';
    }
  }
  return null;
}

const CHECK_KEYS = new Set(['id', 'title', 'description', 'rationale', 'remediation', 'compliance', 'references', 'condition', 'rules']);

describe('export wazuh-sca', () => {
  it.skipIf(!hasYaml).each(['linux', 'darwin', 'windows'])('%s: YAML with the sections, fields and rule grammar of Wazuh\'s SCA docs', async (platform) => {
    const r = await exported(platform);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const sca = parseYaml(r.stdout);
    for (const k of ['id', 'file', 'name', 'description']) expect(typeof sca.policy[k], `policy.${k}`).toBe('string');
    expect(sca.policy.file).toBe(`${String(sca.policy.id)}.yml`);
    expect(['all', 'any', 'none']).toContain(sca.requirements.condition);
    expect((sca.requirements.rules as string[]).length).toBeGreaterThan(0);
    for (const rule of sca.requirements.rules as string[]) expect(ruleProblem(rule, platform), rule).toBeNull();
    expect(sca.checks.length).toBeGreaterThan(0);
    const ids = sca.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of sca.checks) {
      for (const k of Object.keys(c)) expect(CHECK_KEYS.has(k), k).toBe(true);
      expect(Number.isInteger(c.id)).toBe(true);
      expect(typeof c.title).toBe('string');
      expect(c.condition).toBe('none');
      const rules = c.rules as string[];
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(ruleProblem(rule, platform), rule).toBeNull();
    }
    const all = sca.checks.flatMap((c) => c.rules as string[]);
    const types = new Set(all.map((x) => x.slice(0, 2)));
    const expected = { linux: ['c:', 'd:', 'f:'], darwin: ['c:', 'd:', 'p:'], windows: ['c:', 'f:', 'p:', 'r:'] }[platform]!;
    for (const t of expected) expect(types.has(t), t).toBe(true);
  });

  it.skipIf(!hasYaml).each(['linux', 'darwin', 'windows'])('%s: a second app banned by the policy (--policy) gets its own checks from its entry, in the grammar', async (platform) => {
    const file = writeMeetfastPolicy();
    const sca = parseYaml((await exported(platform, 'en', ['--policy', file])).stdout);
    const builtinCount = parseYaml((await exported(platform, 'en')).stdout).checks.length;
    const mine = sca.checks.filter((c) => String(c.title).includes('MeetFast'));
    expect(mine.length).toBeGreaterThan(0);
    expect(sca.checks.length).toBe(builtinCount + mine.length);
    const ids = sca.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rules = mine.flatMap((c) => c.rules as string[]);
    for (const rule of rules) expect(ruleProblem(rule, platform), rule).toBeNull();
    expect(rules.join('\n')).not.toMatch(/zoom/i);
    const want = { linux: ['c:dpkg -s meetfast -> r:^Status: install ok installed', 'd:/opt/meetfast'], darwin: ['p:MeetFast'], windows: ['p:MeetFast.exe', 'f:C:\\Program Files\\MeetFast\\app\\MeetFast.exe'] }[platform]!;
    for (const w of want) expect(rules).toContain(w);
  });

  it.skipIf(!hasYaml)('the rules come from the policy data: Zoom\'s package, folder, process, Uninstall key and receipts', async () => {
    const zoom = builtinPolicy().bannedApps[0]!;
    const rules = async (p: string) => parseYaml((await exported(p)).stdout).checks.flatMap((c) => c.rules as string[]);
    const linux = await rules('linux');
    expect(linux).toContain(`c:dpkg -s ${zoom.linux.dpkg[0]} -> r:^Status: install ok installed`);
    expect(linux).toContain(`d:${zoom.linux.installPaths[0]}`);
    const windows = await rules('windows');
    expect(windows).toContain(`r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${zoom.windows.uninstallKeyNames[0]}`);
    expect(windows).toContain(`p:${zoom.windows.processNames[0]}`);
    expect(windows).toContain('f:C:\\Program Files\\Zoom\\bin\\Zoom.exe');
    expect(await rules('darwin')).toContain('c:pkgutil --pkgs -> r:^us\\.zoom\\.');
    // Words in the chosen language.
    expect(parseYaml((await exported('linux', 'en')).stdout).checks[0]!.title).toBe('No Zoom (installed packages) — Official letter No. 1981/UBND-VHTT, point 1');
  });

  it('its regexes find Zoom where the look-alikes are not: zoom-player\'s /usr/games/zoom, an rpm zoom-player, another launchd job', () => {
    const p = scaPolicy(builtinPolicy(), 'linux', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    const all = p.checks.flatMap((c) => c.rules);
    // Our regexes use only escapes JavaScript reads the same way as OS_Regex: test them as JS.
    const regexOf = (rule: string) => new RegExp(rule.split(' -> r:')[1]!);
    const ps = all.find((r) => r.startsWith('c:ps '))!;
    expect(regexOf(ps).test('/opt/zoom/zoom --url=zoommtg://x')).toBe(true);
    expect(regexOf(ps).test('/usr/games/zoom story.z5')).toBe(false);
    expect(regexOf(ps).test('/opt/zoomer/bin')).toBe(false);
    const rpm = all.find((r) => r.startsWith('c:rpm '))!;
    expect(regexOf(rpm).test('zoom-6.2.5.2440-1.x86_64')).toBe(true);
    expect(regexOf(rpm).test('zoom-player-1.1.5-1.x86_64')).toBe(false);
    expect(regexOf(rpm).test('package zoom is not installed')).toBe(false);
    const mac = scaPolicy(builtinPolicy(), 'darwin', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    const receipts = mac.checks.flatMap((c) => c.rules).find((r) => r.startsWith('c:pkgutil'))!;
    expect(regexOf(receipts).test('us.zoom.pkg.videomeeting')).toBe(true);
    expect(regexOf(receipts).test('usXzoom.pkg')).toBe(false);
  });

  const gnuFind = process.platform === 'linux' && spawnSync('find', ['--version'], { encoding: 'utf8' }).stdout.includes('GNU findutils');
  it.skipIf(!gnuFind)('Linux: the tarball, installer and URL-handler commands, run for real as Wazuh runs them (argv split at spaces, no shell), find Zoom in a home and not the look-alikes', () => {
    const p = scaPolicy(builtinPolicy(), 'linux', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    const root = mkdtempSync(join(tmpdir(), 'sca-real-'));
    try {
      const home = join(root, 'home');
      const rootHome = join(root, 'root');
      const put = (rel: string, text = 'x') => {
        const path = join(root, rel);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
      };
      put('home/an/Downloads/zoom/ZoomLauncher'); // ~/Downloads/zoom: the usual place
      put('home/an/a/b/c/d/ZoomLauncher'); // 4 folders below the home: as deep as the app looks
      put('home/an/a/b/c/d/e/ZoomLauncher'); // 5: deeper than the app looks
      put('root/apps/ZoomLauncher');
      put('home/an/ZoomLauncher.txt');
      put('home/an/Downloads/zoom_amd64.deb');
      put('home/an/Downloads/ZOOM_AMD64 (1).deb');
      put('home/binh/Desktop/zoomusInstallerFull.pkg');
      put('home/an/Downloads/zoomit.zip');
      put('home/an/Documents/zoom_amd64.deb');
      put('home/an/.config/mimeapps.list', '[Default Applications]\nx-scheme-handler/zoommtg=Zoom.desktop\n');
      put('home/binh/.local/share/applications/mimeapps.list', '[Added Associations]\nx-scheme-handler/zoomus=Zoom.desktop;\n');
      put('home/chi/.config/mimeapps.list', '[Default Applications]\nx-scheme-handler/zoommtgx=Other.desktop\nx-scheme-handler/http=firefox.desktop\n');
      const found = (form: number): string[] => {
        const rules = p.checks.find((c) => c.id === 90_000 + form)!.rules;
        return rules.flatMap((rule) => {
          const [command, regex] = rule.slice('c:'.length).split(' -> r:');
          const argv = command!.split(' ').map((a) => (a === '/home' ? home : a === '/root' ? rootHome : a));
          const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
          // Our regexes use only escapes JavaScript reads the same way as OS_Regex.
          return r.stdout.split('\n').filter((l) => l && new RegExp(regex!).test(l)).map((l) => l.slice(root.length + 1));
        }).sort();
      };
      expect(found(5)).toEqual(['home/an/Downloads/zoom/ZoomLauncher', 'home/an/a/b/c/d/ZoomLauncher', 'root/apps/ZoomLauncher']);
      expect(found(6)).toEqual(['home/an/Downloads/ZOOM_AMD64 (1).deb', 'home/an/Downloads/zoom_amd64.deb', 'home/binh/Desktop/zoomusInstallerFull.pkg']);
      expect(found(7)).toEqual(['home/an/.config/mimeapps.list', 'home/binh/.local/share/applications/mimeapps.list']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('Windows: an Uninstall key is looked for per machine (both views, r:) and in every loaded user hive (HKEY_USERS\\<SID>, by PowerShell\'s wildcard, as r: cannot enumerate SIDs)', () => {
    const zoom = builtinPolicy().bannedApps[0]!;
    const p = scaPolicy(builtinPolicy(), 'windows', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    const registry = p.checks.find((c) => c.id === 90_000 + 60 + 3)!.rules;
    const key = zoom.windows.uninstallKeyNames[0]!;
    expect(registry).toEqual([
      `r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key}`,
      `r:HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key}`,
      `c:powershell -NoProfile -Command "Test-Path -Path 'Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key}'" -> r:^True`,
    ]);
    for (const rule of registry) expect(ruleProblem(rule, 'windows'), rule).toBeNull();
    // The path as PowerShell reads it: '' is a quote, * one path element (any SID), a backtick escapes the next letter.
    const matcher = (rule: string): RegExp => {
      const path = /-Path '((?:[^']|'')*)'/.exec(rule)![1]!.replace(/''/g, "'").replace(/^Registry::/, '');
      let re = '';
      for (let i = 0; i < path.length; i++) {
        const c = path[i]!;
        if (c === '`') re += path[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        else if (c === '*') re += '[^\\\\]*';
        else if (c === '?') re += '[^\\\\]';
        else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      return new RegExp(`^${re}$`, 'i');
    };
    const perUser = matcher(registry[2]!);
    expect(perUser.test(`HKEY_USERS\\S-1-5-21-3623811015-3361044348-30300820-1013\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key}`)).toBe(true);
    expect(perUser.test(`HKEY_USERS\\S-1-5-21-1-2-3-1013\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key}Helper`)).toBe(false);
    expect(perUser.test(`HKEY_USERS\\S-1-5-21-1-2-3-1013\\Software\\Classes\\${key}`)).toBe(false);
    // A key name with PowerShell's wildcard letters stays literal: [1] is not "the letter 1".
    const odd = scaPolicy({ ...builtinPolicy(), bannedApps: [{ ...zoom, windows: { ...zoom.windows, uninstallKeyNames: ['Hop[1]'] } }] }, 'windows', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    const oddRule = odd.checks.find((c) => c.id === 90_063)!.rules[2]!;
    expect(oddRule).toContain("Uninstall\\Hop`[1`]'");
    expect(matcher(oddRule).test('HKEY_USERS\\S-1-5-21-9\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Hop[1]')).toBe(true);
    expect(matcher(oddRule).test('HKEY_USERS\\S-1-5-21-9\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Hop1')).toBe(false);
    expect(() => scaPolicy({ ...builtinPolicy(), bannedApps: [{ ...zoom, windows: { ...zoom.windows, uninstallKeyNames: ['a"b'] } }] }, 'windows', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }))).toThrow(/PowerShell/);
  });

  it('the grammar check refuses what Wazuh would not read as meant: a wildcard in an r:/f: target, HKEY_CURRENT_USER (the SYSTEM agent\'s own hive)', () => {
    expect(ruleProblem('r:HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX', 'windows')).toMatch(/wildcard/);
    expect(ruleProblem('f:C:\\Users\\*\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', 'windows')).toMatch(/wildcard/);
    expect(ruleProblem('r:HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX', 'windows')).toMatch(/SYSTEM/);
    expect(ruleProblem('r:HKEY_USERS\\.DEFAULT\\Software', 'windows')).toBeNull();
  });

  it('Windows and macOS: installers by the same patterns, URL-scheme keys per machine and in every user hive', () => {
    const words = { name: 'n', description: 'd', requirement: 'r' };
    const describe = () => ({ title: 't', description: 'd', remediation: 'r' });
    const win = scaPolicy(builtinPolicy(), 'windows', words, describe).checks.flatMap((c) => c.rules);
    for (const scheme of builtinPolicy().bannedApps[0]!.urlSchemes) {
      expect(win).toContain(`r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\${scheme}`);
      expect(win).toContain(`c:powershell -NoProfile -Command "Test-Path -Path 'Registry::HKEY_USERS\\*\\Software\\Classes\\${scheme}'" -> r:^True`);
    }
    const installers = win.find((r) => r.includes('Get-ChildItem'))!;
    expect(installers).toContain("-Path 'C:\\Users\\*\\Downloads','C:\\Users\\*\\Desktop'");
    // The patterns as .NET reads them (case-insensitive -match): the same as JavaScript's for these.
    const alternatives = new RegExp(/-match '(.+)' \}/.exec(installers)![1]!, 'i');
    expect(['ZoomInstallerFull.exe', 'zoominstaller (2).msi', 'ZoomOutlookPluginSetup.msi'].every((n) => alternatives.test(n))).toBe(true);
    expect(['ZoomIt.zip', 'ZoomText.exe', 'MyZoomInstaller.exe'].some((n) => alternatives.test(n))).toBe(false);
    const mac = scaPolicy(builtinPolicy(), 'darwin', words, describe).checks.flatMap((c) => c.rules);
    expect(mac.some((r) => r.startsWith('c:find -E /Users /var/root -maxdepth 3 -type f -iregex .*/(Downloads|Desktop)/'))).toBe(true);
  });

  it('an installer pattern in regex syntax find cannot read is refused, not rewritten', () => {
    const base = builtinPolicy();
    const zoom = base.bannedApps[0]!;
    const withPattern = (p: string) => () => scaPolicy({ ...base, bannedApps: [{ ...zoom, installers: { ...zoom.installers, filePatterns: [p] } }] }, 'linux', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    expect(withPattern('^zoom\\w+\\.deb$')).toThrow(/find cannot read/);
    expect(withPattern('^(?:zoom)\\.deb$')).toThrow(/find cannot read/);
    expect(withPattern('^zoom\\d\\.deb$')).not.toThrow();
  });

  it('policy values are quoted or refused: a quote in a PowerShell path is doubled, a separator or * + ? refused', () => {
    const base = builtinPolicy();
    const zoom = base.bannedApps[0]!;
    const quoted = scaPolicy({ ...base, bannedApps: [{ ...zoom, windows: { ...zoom.windows, profileExecutables: ["Hop'Thu\\HopThu.exe"] } }] }, 'windows', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }));
    expect(quoted.checks.flatMap((c) => c.rules)).toContain("c:powershell -NoProfile -Command \"Test-Path -Path 'C:\\Users\\*\\AppData\\Roaming\\Hop''Thu\\HopThu.exe'\" -> r:^True");
    expect(() => scaPolicy({ ...base, bannedApps: [{ ...zoom, linux: { ...zoom.linux, dpkg: ['zoom -> r:.'] } }] }, 'linux', { name: 'n', description: 'd', requirement: 'r' }, () => ({ title: 't', description: 'd', remediation: 'r' }))).toThrow(/cannot stand/);
    expect(() => osRegexLiteral('g++')).toThrow(/literally/);
    expect(osRegexLiteral('us.zoom.(x)|$')).toBe('us\\.zoom\\.\\(x\\)\\|\\$');
  });

  it.each([
    [['export', 'wazuh-sca'], 'The option «--platform» needs a value.'],
    [['export', 'wazuh-sca', '--platform', 'haiku'], 'There is no platform «haiku»; use one of: linux, darwin, windows.'],
  ])('%j is bad usage (exit 64)', async (args, message) => {
    const io = capture();
    expect(await main([...args, '--lang', 'en'], { io, env: {} })).toBe(64);
    expect(io.stderr).toContain(message);
    expect(io.stdout).toBe('');
  });
});

/** Wazuh's numeric content test (`n:REGEX compare OP VALUE`) on one line of a command's output, as its docs define it. */
function numeric(test: string, line: string): boolean {
  const m = /^n:(.+) compare (<=|>=|==|!=|<|>) (-?\d+)$/.exec(test)!;
  const got = new RegExp(m[1]!).exec(line);
  if (!got) return false;
  const v = Number(got[1]);
  const want = Number(m[3]);
  return { '<': v < want, '>': v > want, '<=': v <= want, '>=': v >= want, '==': v === want, '!=': v !== want }[m[2] as '<']!;
}
/** A rule's content (after the command) against an output: some line passes every `&&` test. */
const ruleHolds = (rule: string, output: string): boolean => output.split('\n').some((line) => rule.split(' -> ')[1]!.split(' && ').every((t) => numeric(t, line)));

describe('export wazuh-sca: browsers on a major no longer patched (browser-patch, point 2)', () => {
  const words = { name: 'n', description: 'd', requirement: 'r' };
  const describeCheck = () => ({ title: 't', description: 'd', remediation: 'r' });
  const sca = (platform: 'linux' | 'darwin' | 'windows', now: string) =>
    scaPolicy(builtinPolicy(), platform, words, describeCheck, { catalog: frozenCatalog(), now: new Date(now), describe: () => ({ title: 'browser', description: 'd', remediation: 'r' }) }).checks.filter((c) => c.title === 'browser');

  it('the tests cover the majors below the oldest patched line and between two (Firefox ESR 140 and 153)', () => {
    expect(unpatchedTests('Version: ', [155])).toEqual(['n:^Version: (\\d+)\\. compare < 155']);
    expect(unpatchedTests('', [153, 140])).toEqual(['n:^(\\d+)\\. compare < 140', 'n:^(\\d+)\\. compare > 140 && n:^(\\d+)\\. compare < 153']);
    expect(unpatchedTests('', [155, 154])).toEqual(['n:^(\\d+)\\. compare < 154']);
  });

  it('Linux: dpkg -s of Chrome 154 fails the check, 155 and 156 pass; ESR 140 fails once its end has passed', () => {
    const [chrome, esr] = sca('linux', '2026-10-30T08:00:00Z');
    const dpkg = (v: string) => `Package: google-chrome-stable\nStatus: install ok installed\nPriority: optional\nSection: web\nArchitecture: amd64\nVersion: ${v}\nDescription: The web browser from Google\n`;
    const chromeRule = chrome!.rules.find((r) => r.startsWith('c:dpkg -s google-chrome-stable'))!;
    expect(ruleHolds(chromeRule, dpkg('154.0.8037.97-1'))).toBe(true);
    expect(ruleHolds(chromeRule, dpkg('155.0.8059.39-1'))).toBe(false);
    expect(ruleHolds(chromeRule, dpkg('156.0.8078.114-1'))).toBe(false);
    const esrRules = esr!.rules;
    expect(esrRules.some((r) => ruleHolds(r, dpkg('140.13.0esr-1~deb12u1')))).toBe(true);
    // Before 13/10/2026 ESR 140 was still patched: only the majors around it fail.
    const [, before] = sca('linux', '2026-08-01T08:00:00Z');
    expect(before!.rules.some((r) => ruleHolds(r, dpkg('140.13.0esr-1~deb12u1')))).toBe(false);
    expect(before!.rules.some((r) => ruleHolds(r, dpkg('145.0esr-1')))).toBe(true);
    expect(before!.rules.some((r) => ruleHolds(r, dpkg('128.14.0esr-1')))).toBe(true);
  });

  it('Windows: the Uninstall entries by DisplayName in every hive through PowerShell; its DisplayVersion lines judged', () => {
    const [chrome, esr] = sca('windows', '2026-10-30T08:00:00Z');
    expect(chrome!.rules[0]).toContain("Where-Object { ($_.DisplayName -match '^Google Chrome$') } | ForEach-Object { $_.DisplayVersion }");
    expect(chrome!.rules[0]).toContain('Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*');
    expect(ruleHolds(chrome!.rules[0]!, '154.0.8037.97\r')).toBe(true);
    expect(ruleHolds(chrome!.rules[0]!, '155.0.8059.40\r')).toBe(false);
    expect(esr!.rules[0]).toContain("-match '^Mozilla Firefox ESR\\b'");
  });

  it('Windows with the Extended Stable line known: Chrome 152 (possibly pinned by a policy a rule cannot read) passes, 150 and 154 fail; Linux stays on stable', () => {
    const EXTENDED = { id: 'chrome-extended', name: 'Google Chrome Extended Stable', asOf: '2026-09-22', releases: [{ version: '152.0.7977.140', date: '2026-09-22', platforms: ['win32', 'darwin'], sources: ['chrome-2026-09-22'] }], patchedMajors: [{ major: 152, sources: ['chrome-2026-09-22'] }] };
    const catalog = frozenCatalog([...frozenCatalog().browsers, EXTENDED]);
    const on = (platform: 'linux' | 'windows') => scaPolicy(builtinPolicy(), platform, words, describeCheck, { catalog, now: new Date('2026-10-30T08:00:00Z'), describe: () => ({ title: 'browser', description: 'd', remediation: 'r' }) }).checks.filter((c) => c.title === 'browser');
    const [chrome] = on('windows');
    const fails = (v: string) => chrome!.rules.some((r) => ruleHolds(r, `${v}\r`));
    expect([fails('152.0.7977.140'), fails('150.0.7871.100'), fails('154.0.8037.97'), fails('155.0.8059.40')]).toEqual([false, true, true, false]);
    // No channel reached by policy has a line on Linux: 152 still fails there.
    const [linux] = on('linux');
    expect(linux!.rules.some((r) => ruleHolds(r, 'Package: google-chrome-stable\nVersion: 152.0.7977.140-1\n'))).toBe(true);
    // No check of its own for the channel (no detection of its own).
    expect(on('windows').length).toBe(sca('windows', '2026-10-30T08:00:00Z').length);
  });

  it('macOS: only bundles whose name has no space and whose channel their version tells; none for Cốc Cốc (no patched majors known)', () => {
    // The frozen catalog knows Chrome (its bundle «Google Chrome.app» has a space), Firefox ESR (no bundle of its own) and Cốc Cốc.
    expect(sca('darwin', '2026-10-30T08:00:00Z')).toEqual([]);
    expect(sca('linux', '2026-10-30T08:00:00Z').map((c) => c.id)).toEqual([95_000, 95_030]);
  });
});
