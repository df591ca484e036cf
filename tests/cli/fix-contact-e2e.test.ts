// Issue 12 through the CLI: a recorded Windows PC (other users' Zoom, an unusable uninstaller: manual steps that ask for IT)
// with a signed organisation policy in ATTT_SELFCHECK_MACHINE_POLICY_DIR, as tests/cli/policy.test.ts sets one up.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { SIGNED_POLICY_FORMAT } from '../../src/core/policy/org-policy-schema';
import { signText } from '../../src/core/signing/signed-file';
import { capture } from '../helpers/capture-io';
import { ENV, windowsCommands, windowsFiles } from '../core/banned-app/windows/windows-host';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const DIR = 'C:\\ProgramData\\ATTT Self-Check';
const payload = JSON.stringify({ schemaVersion: 1, id: 'ubnd-phuong-hong-gai-2026', issuedAt: '2026-11-01', notAfter: '2027-10-31', settings: { agency: { name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123' } } } });
/** The recorded PC; `signedPolicy` false: no organisation policy (no contact to give). */
const pc = (signedPolicy = true): FixtureHost => new FixtureHost({
  platform: 'win32', homedir: 'C:\\Users\\Nguyễn',
  env: { ...ENV, ATTT_SELFCHECK_MACHINE_POLICY_DIR: DIR, ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '' },
  commands: windowsCommands(),
  files: windowsFiles(signedPolicy ? { [`${DIR}\\policy.json`]: JSON.stringify(signText(SIGNED_POLICY_FORMAT, payload, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())), [`${DIR}\\policy-signing.public.pem`]: publicKey.export({ type: 'spki', format: 'pem' }).toString() } : {}),
});

const NOW = () => new Date('2026-11-25T09:00:00Z');
async function run(argv: string[], host = pc()): Promise<{ code: number; out: string }> {
  const io = capture();
  const code = await main(argv, { io, host, now: NOW });
  return { code, out: io.stdout };
}

describe('attt-selfcheck fix: the agency\'s IT contact where a line asks to contact IT', () => {
  it('vi: the contact line once, at the end, as check prints it', async () => {
    const r = await run(['fix', 'zoom', '--dry-run']);
    expect(r.out).toContain('đề nghị đồng chí liên hệ cán bộ công nghệ thông tin của cơ quan');
    const line = 'Liên hệ cán bộ công nghệ thông tin của UBND phường Hồng Gai: Người phụ trách: Nguyễn Văn An; Điện thoại: 0203 3825 123';
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(line);
    expect(r.out.split(line).length).toBe(2);
    // The same line `check` ends with.
    const check = await run(['check']);
    expect(check.out).toContain(`${line}\n`);
  });

  it('en too', async () => {
    const r = await run(['fix', 'zoom', '--dry-run', '--lang', 'en']);
    expect(r.out).toContain("please contact your agency's IT staff");
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^Contact the IT staff of UBND phường Hồng Gai: .*Nguyễn Văn An.*0203 3825 123$/);
  });

  it('--json carries the agency; no organisation policy, no contact line', async () => {
    const doc = JSON.parse((await run(['fix', 'zoom', '--dry-run', '--json'])).out);
    expect(doc.agency).toEqual({ name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123' } });
    const bare = await run(['fix', 'zoom', '--dry-run'], pc(false));
    expect(bare.out).toContain('liên hệ cán bộ công nghệ thông tin của cơ quan');
    expect(bare.out).not.toContain('Người phụ trách');
    expect(JSON.parse((await run(['fix', 'zoom', '--dry-run', '--json'], pc(false))).out).agency).toBeUndefined();
  });
});
