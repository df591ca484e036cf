// The real `check --json` of the BUILT CLI (scripts/build-cli.mjs, as shipped) held to the strict report schema
// (src/core/report-schema.ts), on machines laid out as real ones: this Linux machine with a private dpkg database
// (Zoom, an unpatched Google Chrome, Telegram) and a home holding a Google Meet web app and a Zoom installer that the
// browser recorded as downloaded from a fake site; an organisation policy in force, then one refused; and the recorded
// Debian PCs of the fleet tests (one whose dpkg fails: unknowns; one with pending upgrades). Together they make every
// status, the new checks' findings and the policy's provenance; any field the schema does not know fails here.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/core/catalog/builtin-catalog';
import { SIGNED_POLICY_FORMAT } from '../../src/core/policy/org-policy-schema';
import { agencySchema, findingSchema, validateReport } from '../../src/core/report-schema';
import { signText } from '../../src/core/signing/signed-file';
import { keyIdOf } from '../../src/core/signing/signing-keys';
import { FINDING_STATUSES } from '../../src/shared/finding';
import type { Report } from '../../src/shared/report';
import { envFor, MACHINES } from './fleet-machines';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const MEET = 'kjgfgldnnfoeklkmfkjfagphfepbbdan';
const oldMajor = Math.min(...builtinCatalog().browsers.find((b) => b.id === 'chrome')!.patchedMajors!.map((m) => m.major)) - 1;

const ORG = generateKeyPairSync('ed25519');
const OTHER = generateKeyPairSync('ed25519');
const pem = (k: typeof ORG): string => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** An organisation policy signed with `key`; the folder trusts ORG's key only. */
function policyFolder(dir: string, key: typeof ORG): string {
  const folder = join(dir, 'etc-attt-selfcheck');
  mkdirSync(folder, { recursive: true });
  const payload = JSON.stringify({
    schemaVersion: 1,
    id: 'ubnd-phuong-hong-gai-2026',
    issuedAt: '2026-11-01',
    notAfter: '2099-10-31',
    settings: { agency: { name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123', email: 'cntt@honggai.gov.vn', room: 'Phòng 203, tầng 2' } } },
  });
  const privatePem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(join(folder, 'policy.json'), JSON.stringify(signText(SIGNED_POLICY_FORMAT, payload, privatePem)));
  writeFileSync(join(folder, 'policy-signing.public.pem'), pem(ORG));
  return folder;
}

const setfattr = spawnSync('setfattr', ['--version']).status === 0;

describe.runIf(process.platform === 'linux')('the built CLI\'s JSON output matches the strict report schema', { timeout: 300_000 }, () => {
  let dir: string;
  let cli: string;
  let home: string;
  let admin: string;
  const reports: Report[] = [];
  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  const run = (args: readonly string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ATTT_SELFCHECK_FIXTURE: '', ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '', ATTT_SELFCHECK_MACHINE_POLICY_DIR: '', ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const sandbox = (policyDir: string): Record<string, string> => ({
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    ATTT_SELFCHECK_DPKG_ADMINDIR: admin,
    ATTT_SELFCHECK_DATA_DIR: join(home, '.attt-data'),
    ATTT_SELFCHECK_PASSWD_FILE: join(home, 'no-passwd'),
    ATTT_SELFCHECK_MACHINE_POLICY_DIR: policyDir,
  });
  /** `check --json` parsed and kept; its schema issues, none expected. */
  const check = (env: Record<string, string>): { report: Report; issues: readonly string[] } => {
    const r = run(['check', '--json'], env);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    reports.push(report);
    const v = validateReport(report);
    return { report, issues: v.ok ? [] : v.issues };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attt-report-schema-'));
    cli = join(dir, 'attt-selfcheck.cjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), `--outfile=${cli}`], { cwd: ROOT });
    admin = join(dir, 'dpkg');
    const zoom = 'Package: zoom\nStatus: install ok installed\nPriority: optional\nSection: default\nInstalled-Size: 812345\nMaintainer: Zoom Communications, Inc. <support@zoom.us>\nArchitecture: amd64\nVersion: 6.2.5.2440\nDescription: Zoom Workplace, the AI-powered collaboration platform\n';
    const chrome = readFileSync(join(FIXTURES, 'browser-patch', 'linux', 'dpkg-status-chrome.template'), 'utf8').replace('@VERSION@', `${oldMajor}.0.7000.100-1`);
    const telegram = readFileSync(join(FIXTURES, 'linux', 'online-apps', 'dpkg-status-telegram'), 'utf8').split('\n\n').filter((s) => s.startsWith('Package: telegram-desktop')).join('\n\n');
    put(join(admin, 'status'), `${chrome.trimEnd()}\n\n${telegram.trimEnd()}\n\n${zoom}`);
    put(join(admin, 'available'), '');
    mkdirSync(join(admin, 'info'));
    home = join(dir, 'home');
    put(join(home, '.local', 'share', 'applications', `chrome-${MEET}-Default.desktop`), `#!/usr/bin/env xdg-open\n[Desktop Entry]\nVersion=1.0\nTerminal=false\nType=Application\nName=Google Meet\nExec=/opt/google/chrome/google-chrome --profile-directory=Default --app-id=${MEET}\nIcon=chrome-${MEET}-Default\nStartupWMClass=crx_${MEET}\n`);
    put(join(home, '.config', 'google-chrome', 'Default', 'Web Applications', 'Manifest Resources', MEET, 'Icons', '256.png'), 'png');
    const deb = join(home, 'Downloads', 'zoom_amd64.deb');
    put(deb, '!<arch>\n');
    if (setfattr) spawnSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', 'https://zoom-us.download-free.example/zoom_amd64.deb', deb]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('this machine with Zoom, an old Chrome, Telegram, a Meet web app and a fake installer, an organisation policy in force', () => {
    const { report, issues } = check(sandbox(policyFolder(join(dir, 'in-force'), ORG)));
    expect(issues).toEqual([]);
    expect(report.policy).toMatchObject({ origin: 'organisation', sources: [{ kind: 'file', keyId: keyIdOf(ORG.publicKey), policyId: 'ubnd-phuong-hong-gai-2026' }], refusals: [], agency: { name: 'UBND phường Hồng Gai' } });
    const checks = new Set(report.findings.filter((f) => f.status !== 'ok').map((f) => f.check));
    for (const c of ['banned-app', 'browser-patch', 'online-app']) expect(checks, c).toContain(c);
    expect(report.findings.filter((f) => f.status === 'notice').map((f) => f.app).sort()).toEqual(['google-meet', 'telegram']);
    expect(report.findings.some((f) => f.evidence.some((e) => e.data?.latest !== undefined))).toBe(true);
    if (setfattr) expect(report.findings.some((f) => f.evidence.some((e) => e.kind === 'installer' && e.data?.downloadOrigin === 'unofficial'))).toBe(true);
  });

  it('the same machine, its organisation policy refused (signed with a key the folder does not trust)', () => {
    const { report, issues } = check(sandbox(policyFolder(join(dir, 'refused'), OTHER)));
    expect(issues).toEqual([]);
    expect(report.policy).toMatchObject({ origin: 'builtin', sources: [], refusals: [{ kind: 'untrusted-key', reason: { key: expect.stringMatching(/^policy:/) } }] });
  });

  it('recorded Debian PCs: clean, with Zoom running, with pending upgrades, with a dpkg that fails', () => {
    for (const [name, spec] of Object.entries(MACHINES)) {
      const { report, issues } = check(envFor(`schema-${name}`, spec));
      expect(issues, name).toEqual([]);
      expect(report.host.hostname).toBe(spec.hostname);
    }
  });

  it('between them, every status the schema allows and the checks of today\'s policy', () => {
    const statuses = new Set(reports.flatMap((r) => r.findings.map((f) => f.status)));
    expect([...statuses].sort()).toEqual([...FINDING_STATUSES].sort());
    const ran = new Set(reports.flatMap((r) => r.checks ?? []));
    for (const c of ['banned-app', 'os-patch', 'browser-patch', 'installer-origin', 'online-app']) expect(ran, c).toContain(c);
  });

  it('fix zoom --dry-run --json: its findings and agency are the report\'s shapes', () => {
    const r = run(['fix', 'zoom', '--dry-run', '--json'], sandbox(policyFolder(join(dir, 'fix'), ORG)));
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; mode: string; before: { findings: unknown[] }; agency?: unknown };
    expect(doc).toMatchObject({ schemaVersion: 2, mode: 'dry-run' });
    expect(doc.before.findings.length).toBeGreaterThan(0);
    for (const f of doc.before.findings) expect(findingSchema.safeParse(f).error?.issues ?? []).toEqual([]);
    expect(agencySchema.safeParse(doc.agency).error?.issues ?? []).toEqual([]);
  });
});
