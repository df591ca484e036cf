import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { builtinCatalog } from '../../src/core/catalog/builtin-catalog';
import { signCatalog } from '../../src/core/catalog/signed-catalog';
import { forgetTestKeys, trustKeyInThisProcessForTests } from '../../src/core/catalog/trusted-keys';
import { FixtureHost } from '../../src/core/host/fixture-host';
import type { Host } from '../../src/core/host/host';
import { RealHost } from '../../src/core/host/real-host';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const KEYS = join(ROOT, 'tests', 'fixtures', 'catalog-keys');
const TEST_PRIVATE = readFileSync(join(KEYS, 'TEST-ONLY-catalog-signing.private.pem'), 'utf8');
const TEST_PUBLIC = readFileSync(join(KEYS, 'TEST-ONLY-catalog-signing.public.pem'), 'utf8');
const OS = join(ROOT, 'tests', 'fixtures', 'os-patch', 'linux');
const NOW = new Date('2026-11-25T09:00:00Z');
/** The built-in catalog's date, its age at NOW in days, and whether that is past the 60-day limit: read, not pinned. */
const BUILTIN_AS_OF = builtinCatalog().asOf;
const BUILTIN_AGE = Math.floor((NOW.getTime() - Date.parse(`${BUILTIN_AS_OF}T00:00:00Z`)) / 86_400_000);
const BUILTIN_STALE = BUILTIN_AGE > 60;
const dmy = (iso: string): string => iso.split('-').reverse().join('/');

function newerSigned(asOf = '2026-11-20'): string {
  const doc = JSON.parse(readFileSync(join(ROOT, 'data', 'catalog.json'), 'utf8'));
  return JSON.stringify(signCatalog(JSON.stringify({ ...doc, asOf }), TEST_PRIVATE));
}

async function run(argv: string[], host: Host): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t), confirm: async () => false };
  const code = await main(argv, { io, host, now: () => NOW });
  return { code, out, err };
}

/** A real host confined to a temp data folder, with no machine-wide catalog folder. */
function realHost(): { host: RealHost; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'attt-cli-catalog-'));
  return { host: new RealHost({ homedir: dataDir, env: { ATTT_SELFCHECK_DATA_DIR: dataDir, ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '' } }), dataDir };
}

/** A Debian 12 machine from recorded outputs, with a catalog file at /media/usb/catalog.json. */
function debianHost(catalogText: string): FixtureHost {
  return new FixtureHost({
    platform: 'linux',
    homedir: '/home/an',
    env: { ATTT_SELFCHECK_DATA_DIR: '/home/an/.config/attt-selfcheck', ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '' },
    files: { '/etc/os-release': readFileSync(join(OS, 'os-release.debian12'), 'utf8'), '/media/usb/catalog.json': catalogText, '/var/lib/apt/lists': { type: 'dir', mtimeMs: NOW.getTime() } },
    commands: [{ argv: ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], stdout: readFileSync(join(OS, 'apt-get-s-upgrade.none.txt'), 'utf8') }],
  });
}

afterEach(() => forgetTestKeys());

describe('attt-selfcheck catalog show', () => {
  it('prints the built-in catalog, its date and age, in Vietnamese', async () => {
    const { host } = realHost();
    const r = await run(['catalog', 'show'], host);
    expect(r.code).toBe(0);
    expect(r.out).toContain('DANH MỤC PHIÊN BẢN HỆ ĐIỀU HÀNH VÀ TRÌNH DUYỆT ĐANG DÙNG');
    expect(r.out).toContain(`Ngày lập danh mục: ${dmy(BUILTIN_AS_OF)} (cách đây ${BUILTIN_AGE} ngày)`);
    expect(r.out.includes('Danh mục đã cũ hơn 60 ngày')).toBe(BUILTIN_STALE);
  });

  it('--json carries origin, date, staleness and the catalog itself', async () => {
    const { host } = realHost();
    const r = await run(['catalog', 'show', '--json', '--lang', 'en'], host);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ origin: 'builtin', asOf: BUILTIN_AS_OF, ageDays: BUILTIN_AGE, stale: BUILTIN_STALE, refusals: [] });
    expect(doc.catalog.windows.releases.length).toBeGreaterThan(0);
  });

  it('lists the browser part: each browser, the newest release of each line still patched, and how old its facts are', async () => {
    const { host } = realHost();
    const r = await run(['catalog', 'show', '--lang', 'en'], host);
    const browsers = builtinCatalog().browsers;
    expect(r.out).toContain(`Browsers: ${browsers.length} browsers`);
    const esr = r.out.split('\n').find((l) => l.startsWith('  - Mozilla Firefox ESR: latest '))!;
    // Every patched line shows its own newest release (ESR 153 and ESR 140 side by side until 140's end).
    for (const m of browsers.find((b) => b.id === 'firefox-esr')!.patchedMajors!) expect(esr).toMatch(new RegExp(`[ ,]${m.major}\\.`));
    const coccoc = r.out.split('\n').find((l) => l.startsWith('  - Cốc Cốc: latest '))!;
    expect(coccoc).toContain('Windows)');
    expect(coccoc).toContain('nothing known about which lines are still patched');
    expect(coccoc).toContain('(more than 60 days old)');
    const doc = JSON.parse((await run(['catalog', 'show', '--json'], host)).out);
    expect(doc.catalog.browsers.map((b: { id: string }) => b.id)).toEqual(browsers.map((b) => b.id));
  });

  it('a catalog signed with the TEST key is refused unless a test trusts the key', async () => {
    const { host, dataDir } = realHost();
    mkdirSync(join(dataDir, 'catalog'));
    writeFileSync(join(dataDir, 'catalog', 'newer.json'), newerSigned());
    const refused = JSON.parse((await run(['catalog', 'show', '--json'], host)).out);
    expect(refused.origin).toBe('builtin');
    expect(refused.refusals[0]).toMatchObject({ kind: 'untrusted-key' });
    trustKeyInThisProcessForTests(TEST_PUBLIC);
    const used = JSON.parse((await run(['catalog', 'show', '--json'], host)).out);
    expect(used).toMatchObject({ origin: 'file', asOf: '2026-11-20', testKey: true, stale: false });
    expect((await run(['catalog', 'show'], host)).out).toContain('KHÓA THỬ NGHIỆM');
  });

  it('a tampered --catalog file is refused with a clear message and exit 1', async () => {
    trustKeyInThisProcessForTests(TEST_PUBLIC);
    const { host, dataDir } = realHost();
    const file = join(dataDir, 'tampered.json');
    writeFileSync(file, newerSigned().replace('2026-11-20', '2026-11-21'));
    const r = await run(['catalog', 'show', '--catalog', file], host);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Chữ ký của danh mục');
    expect(r.out).toContain('Nguồn: danh mục có sẵn trong chương trình');
  });
});

describe('attt-selfcheck check --catalog FILE', () => {
  it('judges with a newer signed catalog given on the command line', async () => {
    trustKeyInThisProcessForTests(TEST_PUBLIC);
    const r = await run(['check', '--json', '--catalog', '/media/usb/catalog.json'], debianHost(newerSigned()));
    const report = JSON.parse(r.out) as Report;
    const ok = report.findings.find((f) => f.check === 'os-patch' && f.status === 'ok');
    expect(ok?.title).toMatchObject({ key: 'patch:ok.supported', params: { asOf: '20/11/2026', until: '30/06/2028' } });
    expect(ok?.evidence.find((e) => e.kind === 'catalog')?.data).toMatchObject({ origin: 'file', asOf: '2026-11-20' });
  });

  it('a tampered catalog is refused, the built-in stays in use and the check still runs (text and --json agree)', async () => {
    trustKeyInThisProcessForTests(TEST_PUBLIC);
    const tampered = newerSigned().replace('2028-06-30', '2099-06-30');
    const text = await run(['check', '--catalog', '/media/usb/catalog.json'], debianHost(tampered));
    expect(text.err).toContain('Không dùng danh mục «/media/usb/catalog.json»');
    expect(text.out).toContain('Đã từ chối danh mục phiên bản «/media/usb/catalog.json»');
    expect(text.out).toContain('Debian GNU/Linux 12 (bookworm) còn được nhà sản xuất hỗ trợ đến ngày 30/06/2028');
    const json = JSON.parse((await run(['check', '--json', '--catalog', '/media/usb/catalog.json'], debianHost(tampered))).out) as Report;
    const os = json.findings.filter((f) => f.check === 'os-patch').map((f) => `${f.status} ${f.title.key}`);
    expect(os).toEqual(['ok patch:ok.supported', 'warning patch:catalog.refusedTitle']);
    expect(json.findings.find((f) => f.check === 'os-patch' && f.status === 'ok')?.detail?.key).toBe(BUILTIN_STALE ? 'patch:ok.staleDetail' : undefined);
  });
});
