import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../../src/core/catalog/builtin-catalog';
import { catalogSchema, parseCatalog } from '../../../src/core/catalog/catalog-schema';
import { loadCatalog } from '../../../src/core/catalog/load-catalog';
import { signCatalog, verifySignedCatalog, isRefusal } from '../../../src/core/catalog/signed-catalog';
import { forgetTestKeys, releaseKeys, trustedKeys, trustKeyInThisProcessForTests } from '../../../src/core/catalog/trusted-keys';
import { trustedKeyFromPem } from '../../../src/core/signing/signing-keys';
import { RealHost } from '../../../src/core/host/real-host';

const KEYS = join(__dirname, '..', '..', 'fixtures', 'catalog-keys');
const TEST_PRIVATE = readFileSync(join(KEYS, 'TEST-ONLY-catalog-signing.private.pem'), 'utf8');
const TEST_PUBLIC = readFileSync(join(KEYS, 'TEST-ONLY-catalog-signing.public.pem'), 'utf8');
const testKey = trustedKeyFromPem(TEST_PUBLIC, 'TEST key', true);
const builtinText = readFileSync(join(__dirname, '..', '..', '..', 'data', 'catalog.json'), 'utf8');

/** The built-in catalog with another date (facts after that date dropped, as an older catalog would lack them), as JSON text. */
function catalogText(asOf: string): string {
  const doc = JSON.parse(builtinText);
  for (const r of doc.windows.releases) r.updates = r.updates.filter((u: { date: string }) => u.date <= asOf);
  for (const r of doc.macos.releases) if (r.latest && r.latest.date > asOf) delete r.latest;
  doc.browsers = doc.browsers.filter((b: { asOf: string }) => b.asOf <= asOf);
  return JSON.stringify({ ...doc, asOf }, null, 2);
}

/** A date `days` after the built-in catalog's, so a signed catalog dated so is newer whatever the built-in date is. */
function afterBuiltin(days: number): string {
  return new Date(Date.parse(`${builtinCatalog().asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'attt-catalog-'));
}

const host = (): RealHost => new RealHost({ homedir: tempDir(), env: {} });

afterEach(() => forgetTestKeys());

describe('the built-in catalog', () => {
  it('validates, carries its date and a source for every fact', () => {
    const c = builtinCatalog();
    expect(c.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ids = new Set(c.sources.map((s) => s.id));
    for (const r of [...c.windows.releases, ...c.windows.products, ...c.macos.releases, ...c.linux.debian, ...c.linux.ubuntu]) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(ids.has(s)).toBe(true);
    }
    expect(c.windows.releases.find((r) => r.build === 19045)?.end.homePro).toBe('2025-10-14');
  });

  it('the schema refuses unknown sources, facts dated after asOf and a wrong macOS line', () => {
    const doc = JSON.parse(builtinText);
    doc.linux.debian[0].sources = ['nowhere'];
    doc.windows.releases[0].updates[0].date = '2099-01-01';
    doc.macos.releases[0].latest.version = '15.1';
    const r = parseCatalog(doc);
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues.join('\n');
    expect(issues).toMatch(/unknown source id «nowhere»/);
    expect(issues).toMatch(/dated after asOf/);
    expect(issues).toMatch(/not of this major/);
    expect(catalogSchema().safeParse({}).success).toBe(false);
  });
});

describe('signed catalogs (Ed25519)', () => {
  it('a catalog signed with a trusted key verifies', () => {
    const signed = signCatalog(catalogText('2026-09-01'), TEST_PRIVATE);
    const r = verifySignedCatalog(JSON.stringify(signed), [testKey], 'c.json');
    expect(isRefusal(r)).toBe(false);
    if (!isRefusal(r)) expect(r.catalog.asOf).toBe('2026-09-01');
  });

  it('refuses a tampered payload, a foreign key, a broken file and a bad schema, each with its reason', () => {
    const signed = signCatalog(catalogText('2026-09-01'), TEST_PRIVATE);
    const tampered = { ...signed, payload: signed.payload.replace('"2026-10-13"', '"2099-10-13"') };
    expect(verifySignedCatalog(JSON.stringify(tampered), [testKey], 'c.json')).toMatchObject({ kind: 'signature', reason: { key: 'patch:catalog.refused.signature' } });
    expect(verifySignedCatalog(JSON.stringify(signed), releaseKeys(), 'c.json')).toMatchObject({ kind: 'untrusted-key' });
    expect(verifySignedCatalog('{"format":', [testKey], 'c.json')).toMatchObject({ kind: 'format' });
    expect(verifySignedCatalog('', [testKey], 'c.json')).toMatchObject({ kind: 'format' });
    expect(verifySignedCatalog(builtinText, [testKey], 'c.json')).toMatchObject({ kind: 'format', reason: { key: 'patch:catalog.refused.notSigned', params: { format: 'attt-selfcheck-catalog' } } });
    const badSchema = signCatalog(JSON.stringify({ schemaVersion: 1, asOf: '2026-09-01' }), TEST_PRIVATE);
    expect(verifySignedCatalog(JSON.stringify(badSchema), [testKey], 'c.json')).toMatchObject({ kind: 'schema', reason: { key: 'patch:catalog.refused.schema' } });
    const shortSig = { ...signed, signature: 'AAAA' };
    expect(verifySignedCatalog(JSON.stringify(shortSig), [testKey], 'c.json')).toMatchObject({ kind: 'signature' });
  });

  it('a release build trusts only the release key; the test key only when a test trusts it explicitly', () => {
    expect(trustedKeys().map((k) => k.id)).toEqual(releaseKeys().map((k) => k.id));
    expect(trustedKeys().some((k) => k.id === testKey.id)).toBe(false);
    trustKeyInThisProcessForTests(TEST_PUBLIC);
    expect(trustedKeys().find((k) => k.id === testKey.id)?.test).toBe(true);
  });
});

describe('loadCatalog: choosing the newest, refusing the rest (real files in a temp folder)', () => {
  it('uses a newer signed catalog from the catalog folder', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'catalog'));
    writeFileSync(join(dataDir, 'catalog', 'new.json'), JSON.stringify(signCatalog(catalogText(afterBuiltin(30)), TEST_PRIVATE)));
    const inUse = await loadCatalog(host(), { dataDir, folders: [join(dataDir, 'catalog')], keys: [...releaseKeys(), testKey] });
    expect(inUse).toMatchObject({ origin: 'file', file: join(dataDir, 'catalog', 'new.json'), testKey: true, keyId: testKey.id });
    expect(inUse.catalog.asOf).toBe(afterBuiltin(30));
  });

  it('refuses an older (downgrade) and a tampered catalog; the built-in stays in use', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.json'), JSON.stringify(signCatalog(catalogText('2026-01-01'), TEST_PRIVATE)));
    const t = signCatalog(catalogText('2026-12-01'), TEST_PRIVATE);
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...t, payload: t.payload.replace('"24H2"', '"24H3"') }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored: not .json');
    const inUse = await loadCatalog(host(), { folders: [dir], keys: [testKey] });
    expect(inUse.origin).toBe('builtin');
    expect(inUse.catalog.asOf).toBe(builtinCatalog().asOf);
    expect(inUse.refusals.map((r) => [r.file.split('/').pop(), r.refusal.kind]).sort()).toEqual([
      ['old.json', 'older'],
      ['tampered.json', 'signature'],
    ]);
  });

  it('a missing folder is normal; a missing --catalog file is refused as unreadable', async () => {
    const dir = tempDir();
    const inUse = await loadCatalog(host(), { folders: [join(dir, 'none')], file: join(dir, 'missing.json'), keys: [testKey] });
    expect(inUse.origin).toBe('builtin');
    expect(inUse.refusals).toHaveLength(1);
    expect(inUse.refusals[0]!.refusal).toMatchObject({ kind: 'unreadable', reason: { key: 'patch:catalog.refused.unreadable' } });
  });

  it('of two newer catalogs the newest wins and the other is listed as older', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(signCatalog(catalogText(afterBuiltin(10)), TEST_PRIVATE)));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(signCatalog(catalogText(afterBuiltin(40)), TEST_PRIVATE)));
    const inUse = await loadCatalog(host(), { folders: [dir], keys: [testKey] });
    expect(inUse.catalog.asOf).toBe(afterBuiltin(40));
    expect(inUse.refusals.map((r) => r.refusal.kind)).toEqual(['older']);
  });
});
