/**
 * The organisation policy on Windows for real: Windows Node under wine reads Group Policy's values that the test
 * writes under HKLM\SOFTWARE\Policies\attt-selfcheck with regedit, and the signed policy.json in C:\ProgramData\
 * attt-selfcheck; the check (in its own child process) records where the policy came from, or why it was refused.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_POLICY_FORMAT } from '../../src/core/policy/org-policy-schema';
import { signText } from '../../src/core/signing/signed-file';
import { installCli, runCli } from './rig/cli';
import { WinePrefix } from './rig/prefix';
import { deleteReg, importReg } from './rig/registry';
import { wineAvailable } from './rig/wine';

const KEY = 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck';
const FOLDER = 'C:\\ProgramData\\attt-selfcheck';
const title = `The organisation policy on Windows under wine${wineAvailable ? '' : ' — SKIPPED: wine is not installed'}`;

describe.skipIf(!wineAvailable)(title, () => {
  let prefix: WinePrefix;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const payload = JSON.stringify({ schemaVersion: 1, id: 'so-tttt-2026', issuedAt: '2026-01-01', notAfter: '2099-12-31', settings: { agency: { name: 'So TTTT Quang Ninh', itContact: { email: 'cntt@stttt.gov.vn' } } } });
  const signed = JSON.stringify(signText(SIGNED_POLICY_FORMAT, payload, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('without the key and the file: the built-in policy, nothing refused (wine\'s reg says the key is missing)', async () => {
    const r = await runCli(prefix, ['policy', 'show', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ origin: 'builtin', sources: [], refusals: [] });
  });

  it('reads Group Policy\'s values through reg.exe, text reg query could not print through reg export, Group Policy winning over the signed file', async () => {
    prefix.writeFile(`${FOLDER}\\policy.json`, signed);
    prefix.writeFile(`${FOLDER}\\policy-signing.public.pem`, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await importReg(prefix, [{ path: KEY, values: { AgencyName: 'UBND phường Cẩm Thủy', ItContactPhone: '0203 3862 111', ItContactRoom: 'Phòng 105', FullCheckHours: { dword: 8 }, UsersMayTurnOffNotifications: { dword: 0 } } }]);
    // reg query prints in the console's code page: under wine the accented letters come out as `?`. Such text is read
    // again through reg export (UTF-16LE) into a file in the data folder. A fresh profile (the CLI's very first run,
    // no tray ever started) has no data folder yet: the CLI makes it, and the agency's own words are read.
    const dataDir = `${prefix.appDataWin}\\attt-selfcheck`;
    const exportFile = `${dataDir}\\group-policy.reg`;
    expect(prefix.exists(dataDir), 'a fresh profile has no data folder').toBe(false);
    const agency = { name: 'UBND phường Cẩm Thủy', itContact: { email: 'cntt@stttt.gov.vn', phone: '0203 3862 111', room: 'Phòng 105' } };
    const first = await runCli(prefix, ['policy', 'show', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const firstDoc = JSON.parse(first.stdout);
    expect(firstDoc.refusals).toEqual([]);
    expect(firstDoc.agency).toEqual(agency);
    expect(prefix.exists(exportFile)).toBe(true);
    // An old export in it is overwritten: the same words again.
    prefix.writeFile(exportFile, 'stale');
    const read = await runCli(prefix, ['policy', 'show', '--json']);
    expect(read.exitCode, read.stderr).toBe(0);
    const readDoc = JSON.parse(read.stdout);
    expect(readDoc.refusals).toEqual([]);
    expect(readDoc.agency).toEqual(agency);
    expect(readDoc.choices).toMatchObject({ fullCheckHours: 8, usersMayTurnOffNotifications: false });
    // A folder where the export goes (reg would fail on it, and a link there would be written through): refused with why.
    rmSync(prefix.unixPath(exportFile));
    mkdirSync(prefix.unixPath(exportFile));
    const blocked = JSON.parse((await runCli(prefix, ['policy', 'show', '--json'])).stdout);
    expect(blocked.refusals).toMatchObject([{ kind: 'unreadable', reason: { key: 'policy:refused.registryLossy' } }]);
    expect(blocked.refusals[0].reason.params.detail).toMatch(/^AgencyName, ItContactRoom \(reg export: common:reason\.isFolder /);
    rmSync(prefix.unixPath(exportFile), { recursive: true });
    await deleteReg(prefix, [KEY]);
    await importReg(prefix, [{ path: KEY, values: { ItContactPhone: '0203 3862 111', ItContactRoom: 'Phong 105', FullCheckHours: { dword: 8 }, UsersMayTurnOffNotifications: { dword: 0 } } }]);
    const r = await runCli(prefix, ['policy', 'show', '--json']);
    expect(r.exitCode, r.stdout).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.sources.map((s: { kind: string }) => s.kind)).toEqual(['file', 'registry']);
    expect(doc.agency).toEqual({ name: 'So TTTT Quang Ninh', itContact: { email: 'cntt@stttt.gov.vn', phone: '0203 3862 111', room: 'Phong 105' } });
    expect(doc.choices).toMatchObject({ fullCheckHours: 8, usersMayTurnOffNotifications: false });
    const check = await runCli(prefix, ['check', '--json', '--only', 'banned-app']);
    expect(check.report!.policy).toMatchObject({ origin: 'organisation', agency: { name: 'So TTTT Quang Ninh' }, refusals: [] });
  });

  it('a tampered file and a value of the wrong type are refused in the check\'s report; the check still runs', async () => {
    prefix.writeFile(`${FOLDER}\\policy.json`, signed.replace('cntt@stttt', 'hacker@stttt'));
    await deleteReg(prefix, [KEY]);
    await importReg(prefix, [{ path: KEY, values: { FullCheckHours: 'eight' } }]);
    const check = await runCli(prefix, ['check', '--json', '--only', 'banned-app']);
    const policy = check.report!.policy;
    expect(policy).toMatchObject({ origin: 'builtin', sources: [] });
    expect(policy.refusals?.map((x) => x.kind).sort()).toEqual(['malformed', 'signature']);
    expect(check.report!.findings.length).toBeGreaterThan(0);
    const text = await runCli(prefix, ['check', '--only', 'banned-app']);
    expect(text.stdout).toContain('Chưa áp dụng được chính sách của cơ quan');
  });
});
