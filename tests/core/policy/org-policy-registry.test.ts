// Group Policy's values (HKLM\SOFTWARE\Policies\attt-selfcheck) read through a fake Windows Host that answers
// `reg query` as Windows prints it; with and without the signed file beside them.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import type { FixtureNode } from '../../../src/core/host/fixture-host';
import { HostError } from '../../../src/core/host/host';
import type { MutableHost } from '../../../src/core/host/mutable-host';
import { SIGNED_POLICY_FORMAT } from '../../../src/core/policy/org-policy-schema';
import { loadPolicyInForce } from '../../../src/core/policy/policy-in-force';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { signText } from '../../../src/core/signing/signed-file';
import { capture } from '../../helpers/capture-io';

const NOW = new Date('2026-11-25T09:00:00Z');
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck';
const QUERY = ['reg', 'query', 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', '/reg:64'];
const FOLDER = 'C:\\ProgramData\\attt-selfcheck';

/** `reg query` output of the key with these `Name    TYPE    Data` values (CRLF, as Windows prints it). */
const regOutput = (values: readonly string[]): string => `\r\n${KEY}\r\n${values.map((v) => `    ${v}`).join('\r\n')}\r\n\r\n`;

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
/** `reg query` of a key Group Policy never wrote. */
const NO_KEY = { exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };

function windows(reg: { stdout?: string; exitCode?: number; stderr?: string; error?: 'timeout' } | null, files: Record<string, string> = {}): FixtureHost {
  return new FixtureHost({
    platform: 'win32',
    homedir: 'C:\\Users\\an',
    env: { ATTT_SELFCHECK_DATA_DIR: 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck', ProgramData: 'C:\\ProgramData' },
    files,
    commands: reg ? [{ argv: QUERY, ...reg }] : [],
  });
}

function signedFile(settings: Record<string, unknown>): Record<string, string> {
  const payload = JSON.stringify({ schemaVersion: 1, id: 'so-tt-tt-2026', issuedAt: '2026-11-01', notAfter: '2027-11-01', settings });
  return {
    [`${FOLDER}\\policy.json`]: JSON.stringify(signText(SIGNED_POLICY_FORMAT, payload, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())),
    [`${FOLDER}\\policy-signing.public.pem`]: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('the organisation policy from Group Policy', () => {
  it('reads every kind of value: text, numbers, the language and the notification switch', async () => {
    const host = windows({
      stdout: regOutput([
        'AgencyName    REG_SZ    UBND phường Cẩm Thủy',
        'ItContactPhone    REG_SZ    0203 3862 111',
        'ItContactRoom    REG_SZ    Phòng 105',
        'FullCheckHours    REG_DWORD    0x8',
        'BannedAppMinutes    REG_DWORD    0x14',
        'PatchMaxBehindDays    REG_DWORD    0x2d',
        'AdvisoryNoteVi    REG_SZ    Họp trực tuyến chỉ dùng phần mềm của Sở.',
        'DefaultLanguage    REG_SZ    en',
        'UsersMayTurnOffNotifications    REG_DWORD    0x0',
        'SomethingElse    REG_SZ    ignored',
      ]),
    });
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance).toEqual({ origin: 'organisation', sources: [{ kind: 'registry', key: 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck' }], agency: { name: 'UBND phường Cẩm Thủy', itContact: { phone: '0203 3862 111', room: 'Phòng 105' } }, refusals: [] });
    expect(p.choices).toEqual({ fullCheckHours: 8, defaultLanguage: 'en', usersMayTurnOffNotifications: false, advisoryNote: { vi: 'Họp trực tuyến chỉ dùng phần mềm của Sở.', en: 'Họp trực tuyến chỉ dùng phần mềm của Sở.' } });
    expect(p.policy.schedule.bannedAppMinutes).toBe(20);
    expect(p.policy.patch.maxBehindDays).toBe(45);
    expect(p.policy.bannedApps.map((a) => a.id)).toEqual(['zoom']);
  });

  it('where the signed file and Group Policy both set a value, Group Policy wins; the file\'s banned apps stay', async () => {
    const host = windows(
      { stdout: regOutput(['ItContactPhone    REG_SZ    0203 3862 222']) },
      signedFile({ agency: { name: 'Sở Thông tin và Truyền thông', itContact: { phone: '0203 3000 000', email: 'cntt@stttt.gov.vn' } }, bannedApps: [{ id: 'hop-nhanh', name: 'Họp Nhanh', advisoryPoint: 1, linux: {}, windows: { displayNamePatterns: ['^Họp Nhanh'] }, macos: {}, installers: {} }] }),
    );
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance.agency).toEqual({ name: 'Sở Thông tin và Truyền thông', itContact: { phone: '0203 3862 222', email: 'cntt@stttt.gov.vn' } });
    expect(p.provenance.sources.map((s) => s.kind)).toEqual(['file', 'registry']);
    expect(p.policy.bannedApps.map((a) => a.name)).toEqual(['Zoom', 'Họp Nhanh']);
  });

  it('the signed file may ban an online app: it becomes a banned app with its detection data, and no notice', async () => {
    const p = await loadPolicyInForce(windows(NO_KEY, signedFile({ banOnlineApps: ['zalo'] })), NOW);
    expect(p.provenance.refusals).toEqual([]);
    const zalo = p.policy.bannedApps.find((a) => a.id === 'zalo');
    expect(zalo?.windows.displayNamePatterns).toEqual(builtinPolicy().onlineApps.find((a) => a.id === 'zalo')!.windows.displayNamePatterns);
    expect(p.policy.onlineApps.map((a) => a.id)).not.toContain('zalo');
    expect(p.policy.onlineApps.map((a) => a.id)).toContain('telegram');
  });

  it('banning an online app the list does not have refuses the file, naming the ids that can be used', async () => {
    const p = await loadPolicyInForce(windows(NO_KEY, signedFile({ banOnlineApps: ['zallo'] })), NOW);
    expect(p.provenance.refusals.map((r) => r.reason.key)).toEqual(['policy:refused.unknownOnlineApp']);
    expect(p.provenance.refusals[0]!.reason.params).toMatchObject({ app: 'zallo', ids: expect.stringContaining('zalo') });
    expect(p.policy.onlineApps.map((a) => a.id)).toContain('zalo');
    expect(p.policy.bannedApps.map((a) => a.id)).toEqual(['zoom']);
  });

  it('a missing key is no policy and no refusal', async () => {
    const host = windows({ exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' });
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance).toEqual({ origin: 'builtin', sources: [], refusals: [] });
  });

  it.each([
    ['a number outside the choices', 'FullCheckHours    REG_DWORD    0x3', 'schedule.fullCheckHours'],
    ['a number given as text', 'BannedAppMinutes    REG_SZ    30', 'BannedAppMinutes: REG_SZ, REG_DWORD expected'],
    ['a language we do not ship', 'DefaultLanguage    REG_SZ    fr', 'defaultLanguage'],
    ['an e-mail that is none', 'ItContactEmail    REG_SZ    cntt at stttt', 'agency.itContact.email'],
  ])('%s refuses Group Policy\'s values, the built-in policy stays', async (_name, value, detail) => {
    const host = windows({ stdout: regOutput(['AgencyName    REG_SZ    UBND phường Cẩm Thủy', value]) });
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance).toMatchObject({ origin: 'builtin', sources: [] });
    expect(p.provenance.agency).toBeUndefined();
    expect(p.provenance.refusals).toHaveLength(1);
    expect(p.provenance.refusals[0]).toMatchObject({ kind: 'malformed', reason: { key: 'policy:refused.registryMalformed' } });
    expect(String(p.provenance.refusals[0]!.reason.params?.detail)).toContain(detail);
  });

  it('text reg could not print in the console\'s code page (`?`) is refused when reg export cannot read it either, never shown garbled', async () => {
    const p = await loadPolicyInForce(windows({ stdout: regOutput(['AgencyName    REG_SZ    UBND phu?ng C?m Th?y']) }), NOW);
    expect(p.provenance).toMatchObject({ origin: 'builtin', refusals: [{ kind: 'unreadable', reason: { key: 'policy:refused.registryLossy' } }] });
    expect(String(p.provenance.refusals[0]!.reason.params?.detail)).toMatch(/^AgencyName \(reg export: common:reason\.toolMissing/);
    expect(p.provenance.agency).toBeUndefined();
  });

  it('text reg query could not print is read again from reg export\'s UTF-16 file in the data folder: the agency\'s own words, a real `?` kept', async () => {
    const dataDir = 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck';
    const file = `${dataDir}\\group-policy.reg`;
    const exported = ['Windows Registry Editor Version 5.00', '', `[${KEY}]`, '"AgencyName"="UBND phường Cẩm Thủy"', '"AdvisoryNoteVi"="Họp ở đâu? Chỉ trên phần mềm của Sở."', '"FullCheckHours"=dword:00000008', '', ''].join('\r\n');
    const host = new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\an',
      env: { ATTT_SELFCHECK_DATA_DIR: dataDir, ProgramData: 'C:\\ProgramData' },
      files: { [file]: { type: 'file', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exported, 'utf16le')]) } },
      commands: [
        { argv: QUERY, stdout: regOutput(['AgencyName    REG_SZ    UBND phu?ng C?m Th?y', 'AdvisoryNoteVi    REG_SZ    H?p ? ?\u00e2u? Ch? tr\u00ean ph?n m?m c?a S?.', 'FullCheckHours    REG_DWORD    0x8']) },
        { argv: ['reg', 'export', 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', file, '/y', '/reg:64'], stdout: '' },
      ],
    });
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance).toMatchObject({ origin: 'organisation', agency: { name: 'UBND phường Cẩm Thủy' }, refusals: [] });
    expect(p.choices.fullCheckHours).toBe(8);
    expect(p.choices.advisoryNote).toEqual({ vi: 'Họp ở đâu? Chỉ trên phần mềm của Sở.', en: 'Họp ở đâu? Chỉ trên phần mềm của Sở.' });
    expect(host.calls.map((c) => c[1])).toEqual(['query', 'export']);
  });

  it('an export that is not a .reg file (no UTF-16 mark) is refused with why, never read as text', async () => {
    const dataDir = 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck';
    const file = `${dataDir}\\group-policy.reg`;
    const host = new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\an',
      env: { ATTT_SELFCHECK_DATA_DIR: dataDir },
      files: { [file]: 'AgencyName=UBND' },
      commands: [
        { argv: QUERY, stdout: regOutput(['AgencyName    REG_SZ    UBND phu?ng']) },
        { argv: ['reg', 'export', 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', file, '/y', '/reg:64'], stdout: '' },
      ],
    });
    const p = await loadPolicyInForce(host, NOW);
    expect(p.provenance).toMatchObject({ origin: 'builtin', refusals: [{ kind: 'unreadable', reason: { key: 'policy:refused.registryLossy' } }] });
    expect(String(p.provenance.refusals[0]!.reason.params?.detail)).toContain('common:reason.garbled');
  });

  describe('the data folder the export goes into', () => {
    const dataDir = 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck';
    const file = `${dataDir}\\group-policy.reg`;
    const EXPORT = ['reg', 'export', 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', file, '/y', '/reg:64'];
    const regFile = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(['Windows Registry Editor Version 5.00', '', `[${KEY}]`, '"AgencyName"="UBND phường Cẩm Thủy"', '', ''].join('\r\n'), 'utf16le')]);
    const lossyHost = (files: Record<string, FixtureNode>) =>
      new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', env: { ATTT_SELFCHECK_DATA_DIR: dataDir }, files, commands: [{ argv: QUERY, stdout: regOutput(['AgencyName    REG_SZ    UBND phu?ng C?m Th?y']) }, { argv: EXPORT, stdout: '' }] });
    /** A writer that records the folders it is asked to make and what reg had been run by then; `fail` refuses them. */
    const writer = (host: FixtureHost, fail?: HostError) => {
      const made: { path: string; regCallsBefore: string[] }[] = [];
      const w: MutableHost = {
        platform: 'win32',
        remove: () => Promise.reject(new Error('not used')),
        moveToTrash: () => Promise.reject(new Error('not used')),
        rename: () => Promise.reject(new Error('not used')),
        writeFileAtomic: () => Promise.reject(new Error('not used')),
        appendLine: () => Promise.reject(new Error('not used')),
        makeDir: (path) => {
          made.push({ path, regCallsBefore: host.calls.map((c) => c[1]!) });
          return fail ? Promise.reject(fail) : Promise.resolve();
        },
      };
      return { w, made };
    };

    it('is made through the writer before reg export runs (on a first run it is not there yet)', async () => {
      const host = lossyHost({ [file]: { type: 'file', content: regFile } });
      const { w, made } = writer(host);
      const p = await loadPolicyInForce(host, NOW, builtinPolicy(), { dataWriter: w });
      expect(made).toEqual([{ path: dataDir, regCallsBefore: ['query'] }]);
      expect(p.provenance).toMatchObject({ origin: 'organisation', agency: { name: 'UBND phường Cẩm Thủy' }, refusals: [] });
      expect(host.calls.map((c) => c[1])).toEqual(['query', 'export']);
    });

    it('a folder that cannot be made (a link at its name) refuses the value with the reason; reg export is not run', async () => {
      const host = lossyHost({});
      const { w } = writer(host, new HostError('is-a-link', dataDir, `${dataDir}: a symbolic link (refused)`));
      const p = await loadPolicyInForce(host, NOW, builtinPolicy(), { dataWriter: w });
      expect(p.provenance).toMatchObject({ origin: 'builtin', refusals: [{ kind: 'unreadable', reason: { key: 'policy:refused.registryLossy' } }] });
      expect(String(p.provenance.refusals[0]!.reason.params?.detail)).toMatch(/^AgencyName \(reg export: common:reason\.link .*attt-selfcheck"/);
      expect(host.calls.map((c) => c[1])).toEqual(['query']);
    });

    it.each([
      ['a link', { type: 'symlink', target: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }, 'common:reason.link'],
      ['a folder', { type: 'dir' }, 'common:reason.isFolder'],
    ] as const)('%s already at group-policy.reg is refused before reg runs (reg export /y would write through it)', async (_what, entry, reason) => {
      const host = lossyHost({ [file]: entry as FixtureNode });
      const { w } = writer(host);
      const p = await loadPolicyInForce(host, NOW, builtinPolicy(), { dataWriter: w });
      expect(String(p.provenance.refusals[0]!.reason.params?.detail)).toContain(`reg export: ${reason} `);
      expect(host.calls.map((c) => c[1])).toEqual(['query']);
    });
  });

  it('reg that cannot answer is said, not taken for "no policy"', async () => {
    const p = await loadPolicyInForce(windows({ error: 'timeout' }), NOW);
    expect(p.provenance.refusals).toMatchObject([{ kind: 'unreadable', source: 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', reason: { key: 'policy:refused.registryUnreadable' } }]);
  });

  it('policy show names Group Policy as the source and the CLI shows the contact', async () => {
    const host = windows({ stdout: regOutput(['AgencyName    REG_SZ    UBND phường Cẩm Thủy', 'ItContactEmail    REG_SZ    cntt@camthuy.gov.vn']) });
    const io = capture();
    expect(await main(['policy', 'show'], { io, host, now: () => NOW })).toBe(0);
    expect(io.stdout).toContain('Thiết lập Group Policy: HKLM\\SOFTWARE\\Policies\\attt-selfcheck');
    expect(io.stdout).toContain('Cơ quan: UBND phường Cẩm Thủy');
    expect(io.stdout).toContain('Thư điện tử: cntt@camthuy.gov.vn');
  });

  it('is not looked for on Linux or macOS', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', env: { ATTT_SELFCHECK_MACHINE_POLICY_DIR: '' }, files: {}, commands: [] });
    await loadPolicyInForce(host, NOW);
    expect(host.calls).toEqual([]);
  });
});
