// The organisation policy end to end through the CLI: real files in a temporary machine-wide folder
// (ATTT_SELFCHECK_MACHINE_POLICY_DIR, as the catalog tests point ATTT_SELFCHECK_MACHINE_CATALOG_DIR),
// signed with keys made here; every refusal is said in Vietnamese and English and the built-in policy stays.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { RealHost } from '../../src/core/host/real-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { SIGNED_POLICY_FORMAT } from '../../src/core/policy/org-policy-schema';
import { signText } from '../../src/core/signing/signed-file';
import { keyIdOf } from '../../src/core/signing/signing-keys';
import type { Report } from '../../src/shared/report';
import { capture } from '../helpers/capture-io';
import { userXattrsRefusal } from '../helpers/user-xattrs';

const NOW = new Date('2026-11-25T09:00:00Z');

function keyPair(): { privatePem: string; publicPem: string; id: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), id: keyIdOf(publicKey) };
}
const ORG = keyPair();
const OTHER = keyPair();

/** A made-up meeting app the organisation bans besides Zoom (its dpkg package name only). */
const HOP_NHANH = { id: 'hop-nhanh', name: 'Họp Nhanh', advisoryPoint: 1, linux: { dpkg: ['hopnhanh'] }, windows: {}, macos: {}, installers: {} };

/** A valid organisation policy payload; `over` replaces top-level fields. */
function payload(over: Record<string, unknown> = {}, settings: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaVersion: 1,
    id: 'ubnd-phuong-hong-gai-2026',
    issuedAt: '2026-11-01',
    notAfter: '2027-10-31',
    settings: {
      agency: { name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123', email: 'cntt@honggai.gov.vn', room: 'Phòng 203, tầng 2' } },
      schedule: { fullCheckHours: 2, bannedAppMinutes: 15 },
      bannedApps: [HOP_NHANH],
      patch: { maxBehindDays: 30 },
      advisoryNote: { vi: 'Mọi cuộc họp trực tuyến dùng phần mềm do Sở cung cấp.', en: 'Every online meeting uses the software provided by the Department.' },
      notifications: { usersMayTurnOff: false },
      ...settings,
    },
    ...over,
  });
}
const signed = (text: string, key = ORG): string => JSON.stringify(signText(SIGNED_POLICY_FORMAT, text, key.privatePem));

/** A real host with its data and machine-wide folders in a temporary folder; `policy` and `key` are written there. */
function machine(files: { policy?: string; key?: string | null } = {}): { host: RealHost; folder: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'attt-cli-policy-'));
  const folder = join(root, 'etc-attt-selfcheck');
  mkdirSync(folder);
  if (files.policy !== undefined) writeFileSync(join(folder, 'policy.json'), files.policy);
  if (files.key !== null) writeFileSync(join(folder, 'policy-signing.public.pem'), files.key ?? ORG.publicPem);
  const env = { ATTT_SELFCHECK_DATA_DIR: join(root, 'data'), ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '', ATTT_SELFCHECK_MACHINE_POLICY_DIR: folder, ATTT_SELFCHECK_PASSWD_FILE: join(root, 'no-passwd') };
  return { host: new RealHost({ homedir: root, env }), folder, root };
}

async function run(argv: string[], host: RealHost): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(argv, { io, host, now: () => NOW });
  return { code, out: io.stdout, err: io.stderr };
}

describe('attt-selfcheck policy show', () => {
  it('without an organisation policy: the built-in one, nothing refused', async () => {
    const { host } = machine();
    const r = await run(['policy', 'show'], host);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CHÍNH SÁCH ĐANG ÁP DỤNG');
    expect(r.out).toContain('Nguồn: chính sách có sẵn trong chương trình (Công văn số 1981/UBND-VHTT)');
    expect(r.out).toContain('Phần mềm bị cấm: Zoom\n');
    expect(r.out).toContain('Không có chính sách nào bị từ chối.');
    const doc = JSON.parse((await run(['policy', 'show', '--json'], host)).out);
    expect(doc).toMatchObject({ origin: 'builtin', sources: [], refusals: [], choices: { usersMayTurnOffNotifications: true, fullCheckHours: null } });
  });

  it('a signed policy: the agency, its IT contact, its signer, the extra banned app and thresholds are in force', async () => {
    const { host, folder } = machine({ policy: signed(payload()) });
    const r = await run(['policy', 'show'], host);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Nguồn: chính sách có sẵn (Công văn số 1981/UBND-VHTT) cùng các thiết lập của cơ quan');
    expect(r.out).toContain(`Tệp chính sách đã ký: ${join(folder, 'policy.json')}`);
    expect(r.out).toContain(`mã khóa ký: ${ORG.id}; mã chính sách: ubnd-phuong-hong-gai-2026; hiệu lực đến hết ngày 31/10/2027`);
    expect(r.out).toContain('Cơ quan: UBND phường Hồng Gai');
    expect(r.out).toContain('Điện thoại: 0203 3825 123');
    expect(r.out).toContain('Phòng làm việc: Phòng 203, tầng 2');
    expect(r.out).toContain('Phần mềm bị cấm: Zoom, Họp Nhanh');
    expect(r.out).toContain('chậm cập nhật quá 30 ngày');
    expect(r.out).toContain('Kiểm tra phần mềm bị cấm: mỗi 15 phút');
    expect(r.out).toContain('Kiểm tra toàn bộ: ít nhất mỗi 2 giờ');
    expect(r.out).toContain('Người dùng không được tắt thông báo');
    const doc = JSON.parse((await run(['policy', 'show', '--json'], host)).out);
    expect(doc.sources).toEqual([{ kind: 'file', path: join(folder, 'policy.json'), keyId: ORG.id, policyId: 'ubnd-phuong-hong-gai-2026', notAfter: '2027-10-31' }]);
    expect(doc.policy.bannedApps.map((a: { id: string }) => a.id)).toEqual(['zoom', 'hop-nhanh']);
    expect(doc.policy.patch.maxBehindDays).toBe(30);
    expect(doc.policy.schedule.bannedAppMinutes).toBe(15);
  });

  it('check says whom to contact, and the report records where the policy came from', async () => {
    const { host } = machine({ policy: signed(payload()) });
    const text = await run(['check', '--only', 'banned-app'], host);
    expect(text.out).toContain('Liên hệ cán bộ công nghệ thông tin của UBND phường Hồng Gai: Người phụ trách: Nguyễn Văn An; Điện thoại: 0203 3825 123; Thư điện tử: cntt@honggai.gov.vn; Phòng làm việc: Phòng 203, tầng 2');
    const report = JSON.parse((await run(['check', '--only', 'banned-app', '--json'], host)).out) as Report;
    expect(report.policy).toMatchObject({ id: 'cv-1981-ubnd-vhtt', origin: 'organisation', agency: { name: 'UBND phường Hồng Gai' }, refusals: [] });
    expect(report.policy.sources?.[0]).toMatchObject({ kind: 'file', keyId: ORG.id });
  });

  it('the default language is the organisation\'s when --lang is absent', async () => {
    const { host } = machine({ policy: signed(payload({}, { defaultLanguage: 'en' })) });
    expect((await run(['policy', 'show'], host)).out).toContain('POLICY IN FORCE');
    expect((await run(['policy', 'show', '--lang', 'vi'], host)).out).toContain('CHÍNH SÁCH ĐANG ÁP DỤNG');
  });
});

/** Each refused policy: its files, the kind, and words the Vietnamese and the English message must hold. */
const REFUSED: readonly { name: string; files: () => { policy?: string; key?: string | null }; kind: string; vi: string; en: string; detail?: string; chmod?: string }[] = [
  { name: 'unsigned', files: () => ({ policy: payload() }), kind: 'not-signed', vi: 'Tệp chính sách của cơ quan chưa được ký số.', en: 'is not signed' },
  { name: 'tampered', files: () => ({ policy: signed(payload()).replace('0203 3825 123', '0203 3825 999') }), kind: 'signature', vi: 'Chữ ký số của tệp chính sách không đúng', en: 'signature does not match' },
  { name: 'signed with another key', files: () => ({ policy: signed(payload(), OTHER) }), kind: 'untrusted-key', vi: 'được ký bằng một khóa khác với khóa của cơ quan', en: 'signed with a key other than' },
  { name: 'expired', files: () => ({ policy: signed(payload({ issuedAt: '2025-11-01', notAfter: '2026-10-31' })) }), kind: 'expired', vi: 'chỉ có hiệu lực đến hết ngày 31/10/2026, nay đã hết hiệu lực', en: 'valid until the end of 31/10/2026 and has expired' },
  { name: 'malformed (an unknown setting)', files: () => ({ policy: signed(payload({}, { allowZoom: true })) }), kind: 'malformed', vi: 'không đúng quy định', en: 'does not follow the rules' },
  { name: 'malformed (a bad e-mail)', files: () => ({ policy: signed(payload({}, { agency: { itContact: { email: 'not an address' } } })) }), kind: 'malformed', vi: 'không đúng quy định', en: 'does not follow the rules', detail: 'settings.agency.itContact.email: an e-mail address' },
  { name: 'not JSON', files: () => ({ policy: '{"format": "attt-selfcheck-policy", ' }), kind: 'malformed', vi: 'bị hỏng, không đọc được nội dung', en: 'is damaged' },
  { name: 'huge', files: () => ({ policy: signed(payload({}, { advisoryNote: { vi: 'x', en: 'x' } })).replace('"payload"', `"padding": "${'x'.repeat(300 * 1024)}", "payload"`) }), kind: 'unreadable', vi: 'lớn bất thường (quá 256 KiB) nên không được đọc', en: 'unusually large (over 256 KiB)' },
  { name: 'without the public key', files: () => ({ policy: signed(payload()), key: null }), kind: 'no-key', vi: 'chưa cài khóa công khai của cơ quan', en: 'public key is not installed' },
  { name: 'with a key file that is no key', files: () => ({ policy: signed(payload()), key: 'hello\n' }), kind: 'bad-key', vi: 'không phải là khóa hợp lệ', en: 'is not a valid key' },
  { name: 'redefining Zoom', files: () => ({ policy: signed(payload({}, { bannedApps: [{ ...HOP_NHANH, id: 'zoom' }] })) }), kind: 'conflict', vi: 'khai báo lại một phần mềm bị cấm đã có sẵn', en: 'redefines a banned app' },
  { name: 'adding official sites for an app not in the list', files: () => ({ policy: signed(payload({}, { installerOrigin: { officialDomains: { 'hop-nhanh': ['hopnhanh.example'] } } })) }), kind: 'conflict', vi: 'bổ sung trang tải chính thức cho một ứng dụng không có trong danh sách', en: 'adds official download sites for an app that is not in', detail: 'hop-nhanh' },
  { name: 'making a file-sharing host official', files: () => ({ policy: signed(payload({}, { installerOrigin: { officialDomains: { zalo: ['drive.google.com'] } } })) }), kind: 'conflict', vi: 'coi một dịch vụ rút gọn liên kết hoặc chia sẻ tệp là trang tải chính thức', en: 'counts a URL shortener or file-sharing host as an official download site', detail: 'drive.google.com' },
  { name: 'making a site over its own added shortener official', files: () => ({ policy: signed(payload({}, { installerOrigin: { shorteners: ['s.honggai.example'], officialDomains: { zalo: ['honggai.example'] } } })) }), kind: 'conflict', vi: 'coi một dịch vụ rút gọn liên kết hoặc chia sẻ tệp là trang tải chính thức', en: 'counts a URL shortener', detail: 'honggai.example' },
  { name: 'malformed (a shortener in capitals)', files: () => ({ policy: signed(payload({}, { installerOrigin: { shorteners: ['RutGon.example'] } })) }), kind: 'malformed', vi: 'không đúng quy định', en: 'does not follow the rules', detail: 'settings.installerOrigin.shorteners.0: a domain name in lower case' },
  { name: 'writable by anyone', files: () => ({ policy: signed(payload()) }), kind: 'unsafe-permissions', vi: 'đang cho phép mọi người sửa đổi', en: 'can be changed by anyone', chmod: 'policy.json' },
];

describe.each(REFUSED)('a policy $name is refused', ({ files, kind, vi, en, detail, chmod }) => {
  it('policy show says why in Vietnamese and English, exit 1; the built-in policy stays in force', async () => {
    const { host, folder } = machine(files());
    if (chmod) chmodSync(join(folder, chmod), 0o666);
    const r = await run(['policy', 'show'], host);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('Nguồn: chính sách có sẵn trong chương trình');
    expect(r.out).toContain('Chính sách không được áp dụng:');
    expect(r.out).toContain(vi);
    expect(r.out).toContain('Chi tiết: ');
    if (detail) expect(r.out).toContain(detail);
    expect(r.out).toContain('Chương trình vẫn áp dụng chính sách có sẵn (Công văn số 1981/UBND-VHTT)');
    expect(r.out).toContain('Phần mềm bị cấm: Zoom\n');
    // The Vietnamese sentence names no path and no key id: those stand on the details line.
    const sentence = r.out.split('\n').find((l) => l.includes(vi.split('\n')[0]!.slice(0, 20)))!;
    expect(sentence).not.toContain(folder);
    expect(sentence).not.toMatch(/[0-9a-f]{16}/);
    const doc = JSON.parse((await run(['policy', 'show', '--json', '--lang', 'en'], host)).out);
    expect(doc).toMatchObject({ origin: 'builtin', sources: [] });
    expect(doc.refusals).toHaveLength(1);
    expect(doc.refusals[0]).toMatchObject({ kind });
    expect(doc.refusals[0].text).toContain(en);
    expect(doc.policy.bannedApps).toEqual([{ id: 'zoom', name: 'Zoom' }]);
  });

  it('check still runs, says so in its text and records the refusal in the JSON report', async () => {
    const { host, folder } = machine(files());
    if (chmod) chmodSync(join(folder, chmod), 0o666);
    const text = await run(['check', '--only', 'banned-app'], host);
    expect(text.out).toContain('! Chưa áp dụng được chính sách của cơ quan');
    expect(text.out).toContain(vi);
    expect(text.out).not.toContain('Liên hệ cán bộ công nghệ thông tin của UBND');
    const report = JSON.parse((await run(['check', '--only', 'banned-app', '--json'], host)).out) as Report;
    expect(report.policy).toMatchObject({ origin: 'builtin', sources: [] });
    expect(report.policy.refusals?.map((x) => x.kind)).toEqual([kind]);
    expect(report.findings.length).toBeGreaterThan(0);
  });
});

describe('attt-selfcheck policy sign', () => {
  it('signs a valid policy with the organisation key; the app then applies it', async () => {
    const { host, folder, root } = machine();
    writeFileSync(join(root, 'draft.json'), payload());
    writeFileSync(join(root, 'org.private.pem'), ORG.privatePem);
    const r = await run(['policy', 'sign', '--in', join(root, 'draft.json'), '--key', join(root, 'org.private.pem'), '--out', join(folder, 'policy.json')], host);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`bằng khóa ${ORG.id}`);
    expect(JSON.parse(readFileSync(join(folder, 'policy.json'), 'utf8'))).toMatchObject({ format: 'attt-selfcheck-policy', version: 1, keyId: ORG.id });
    const show = JSON.parse((await run(['policy', 'show', '--json'], host)).out);
    expect(show).toMatchObject({ origin: 'organisation', refusals: [] });
  });

  it('refuses to sign a policy the app would refuse, saying what is wrong', async () => {
    const { host, root } = machine();
    writeFileSync(join(root, 'draft.json'), payload({ notAfter: 'soon' }));
    writeFileSync(join(root, 'org.private.pem'), ORG.privatePem);
    const r = await run(['policy', 'sign', '--in', join(root, 'draft.json'), '--key', join(root, 'org.private.pem'), '--out', join(root, 'out.json')], host);
    expect(r.code).toBe(1);
    expect(r.err).toContain('notAfter');
    expect(() => readFileSync(join(root, 'out.json'))).toThrow();
  });

  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  it.skipIf(openssl.status !== 0)('works with a key pair made by openssl, as docs/fleet.md says (skipped without openssl)', async () => {
    const { host, folder, root } = machine({ key: null });
    const priv = join(root, 'policy-signing.private.pem');
    expect(spawnSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', priv]).status).toBe(0);
    expect(spawnSync('openssl', ['pkey', '-in', priv, '-pubout', '-out', join(folder, 'policy-signing.public.pem')]).status).toBe(0);
    writeFileSync(join(root, 'chinh-sach.json'), payload());
    expect((await run(['policy', 'sign', '--in', join(root, 'chinh-sach.json'), '--key', priv, '--out', join(folder, 'policy.json')], host)).code).toBe(0);
    expect(JSON.parse((await run(['policy', 'show', '--json'], host)).out)).toMatchObject({ origin: 'organisation', refusals: [], agency: { name: 'UBND phường Hồng Gai' } });
  });
});

// The organisation adds to the installer-origin lists (docs/fleet.md §5): a shortener, a file type, a mirror of
// Zalo's installer; the built-in entries all stay. Judged by the check on real files whose origin the browser recorded.
describe('an organisation adds to the installer-origin lists', () => {
  const ADDS = { installerOrigin: { shorteners: ['rutgon.example', 'bit.ly'], extensions: ['jar'], officialDomains: { zalo: ['phanmem.honggai.example'] } } };
  const builtin = builtinPolicy().installerOrigin!;

  it('policy show and --json: the lists in force are the built-in ones and the additions, and what was added is said', async () => {
    const { host } = machine({ policy: signed(payload({}, ADDS)) });
    const r = await run(['policy', 'show'], host);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Kiểm tra nguồn tải bộ cài đặt — số loại tệp cài đặt: ${builtin.extensions.length + 1}; dịch vụ rút gọn liên kết: ${builtin.shorteners.length + 1}; dịch vụ chia sẻ tệp: ${builtin.fileSharing.length}\n`);
    // bit.ly is built in already: not said as added.
    expect(r.out).toContain('  Cơ quan bổ sung dịch vụ rút gọn liên kết: rutgon.example\n');
    expect(r.out).toContain('  Cơ quan bổ sung loại tệp cài đặt: .jar\n');
    expect(r.out).toContain('  Cơ quan bổ sung trang tải chính thức của Zalo: phanmem.honggai.example\n');
    expect((await run(['policy', 'show', '--lang', 'en'], host)).out).toContain('  URL shorteners added by the organisation: rutgon.example\n');
    const doc = JSON.parse((await run(['policy', 'show', '--json'], host)).out);
    expect(doc.policy.installerOrigin.shorteners).toEqual([...builtin.shorteners, 'rutgon.example']);
    expect(doc.policy.installerOrigin.extensions).toEqual([...builtin.extensions, 'jar']);
    expect(doc.policy.installerOrigin.fileSharing).toEqual(builtin.fileSharing);
    expect(doc.policy.installerOrigin.officialDomains.zalo).toEqual(['zalo.me', 'zdn.vn', 'phanmem.honggai.example']);
    expect(doc.installerOriginAdded).toEqual({ extensions: ['jar'], shorteners: ['rutgon.example'], fileSharing: [], officialDomains: { zalo: ['phanmem.honggai.example'] } });
  });

  it('without an organisation policy: the built-in lists, nothing added', async () => {
    const doc = JSON.parse((await run(['policy', 'show', '--json'], machine().host)).out);
    expect(doc.policy.installerOrigin).toMatchObject({ shorteners: builtin.shorteners, extensions: builtin.extensions, fileSharing: builtin.fileSharing });
    expect(doc.installerOriginAdded).toEqual({ extensions: [], shorteners: [], fileSharing: [], officialDomains: {} });
  });

  const xattrs = userXattrsRefusal();
  it.skipIf(xattrs !== null)(`check --only installer-origin: the added shortener and file type are judged, the mirror is official${xattrs ? ` (skipped: ${xattrs})` : ''}`, async () => {
    const judged = async (policy?: string): Promise<Report['findings']> => {
      const { host, root } = machine(policy === undefined ? {} : { policy });
      const dl = join(root, 'Downloads');
      mkdirSync(dl);
      const put = (name: string, url: string): void => {
        writeFileSync(join(dl, name), 'MZ');
        execFileSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, join(dl, name)]);
      };
      put('setup.exe', 'https://rutgon.example/Ab12');
      put('tool.jar', 'https://www.mediafire.com/file/abc/tool.jar');
      put('ZaloSetup-26.9.10.exe', 'https://phanmem.honggai.example/zalo/ZaloSetup-26.9.10.exe');
      const r = await run(['check', '--only', 'installer-origin', '--json'], host);
      return (JSON.parse(r.out) as Report).findings;
    };
    const about = (findings: Report['findings'], name: string) => findings.find((f) => f.status !== 'ok' && f.evidence.some((e) => e.path?.endsWith(`/${name}`)));
    const before = await judged();
    expect(about(before, 'setup.exe')).toBeUndefined();
    expect(about(before, 'tool.jar')).toBeUndefined();
    expect(about(before, 'ZaloSetup-26.9.10.exe')).toMatchObject({ status: 'violation', app: 'zalo', title: { params: { host: 'phanmem.honggai.example' } } });
    const after = await judged(signed(payload({}, ADDS)));
    expect(about(after, 'setup.exe')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.shortener.title', params: { host: 'rutgon.example' } } });
    expect(about(after, 'tool.jar')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'www.mediafire.com' } } });
    expect(about(after, 'ZaloSetup-26.9.10.exe')).toBeUndefined();
  });
});
