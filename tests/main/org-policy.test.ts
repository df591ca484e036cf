// The organisation's policy in the tray app: the settings it decides (language, longest interval, notifications
// locked on) with the reason when a change is refused, the tray tooltip when the policy was refused, and the check
// runner reading the policy again before each check so the report records where it came from.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake } from '../helpers/fake-electron';
import { AppController } from '../../src/main/app-controller';
import { makeCheckRunner, policyView } from '../../src/main/check-runner';
import { mainTranslator } from '../../src/main/i18n';
import { AppError } from '../../src/main/ipc-main';
import { PolicyHolder } from '../../src/main/policy-holder';
import { AppTray, trayTooltip, type TrayModel } from '../../src/main/tray';
import { RealHost } from '../../src/core/host/real-host';
import { SIGNED_POLICY_FORMAT } from '../../src/core/policy/org-policy-schema';
import { builtinPolicyInForce, loadPolicyInForce, type OrgChoices } from '../../src/core/policy/policy-in-force';
import { signText } from '../../src/core/signing/signed-file';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith, zoomInstalled } from '../shared/sample-report';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-org-'));
  fake.reset();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LOCKED: OrgChoices = { fullCheckHours: 2, defaultLanguage: 'en', usersMayTurnOffNotifications: false, advisoryNote: null };

function controller(choices: OrgChoices | null) {
  return new AppController({ dataDir: dir, now: () => Date.UTC(2026, 10, 25), runChecks: async () => reportWith([zoomInstalled]), fixer: refusingFixService, ...(choices ? { orgChoices: () => choices } : {}) });
}

describe('the settings the organisation decides', () => {
  it('its language until the person chooses one, its longest interval, notifications kept on', () => {
    const c = controller(LOCKED);
    expect(c.settings()).toEqual({ language: 'en', intervalHours: 2, startAtLogin: true, notifications: true });
    c.setSettings({ language: 'vi' });
    expect(c.settings().language).toBe('vi');
    c.setSettings({ intervalHours: 1 });
    expect(c.settings().intervalHours).toBe(1);
  });

  it('refuses turning notifications off, or a longer interval, with the reason in words', () => {
    const c = controller(LOCKED);
    const off = (): unknown => c.setSettings({ notifications: false });
    expect(off).toThrow(AppError);
    try {
      off();
    } catch (e) {
      expect((e as AppError).userMessage).toEqual({ key: 'policy:window.notificationsLocked' });
      expect(mainTranslator('vi').message((e as AppError).userMessage)).toContain('quy định không được tắt thông báo');
    }
    expect(() => c.setSettings({ intervalHours: 8 })).toThrow(expect.objectContaining({ userMessage: { key: 'policy:window.intervalCapped', params: { count: 2 } } }));
    expect(c.settings()).toMatchObject({ notifications: true, intervalHours: 2 });
  });

  it('still notifies when the person had turned notifications off before the organisation locked them', async () => {
    let choices: OrgChoices = { ...LOCKED, usersMayTurnOffNotifications: true };
    const c = new AppController({ dataDir: dir, now: () => Date.UTC(2026, 10, 25), runChecks: async () => reportWith([zoomInstalled]), fixer: refusingFixService, orgChoices: () => choices });
    c.setSettings({ notifications: false });
    choices = LOCKED;
    const notes: unknown[] = [];
    c.on('notify', (n) => notes.push(n));
    await c.runCheck();
    expect(notes).toHaveLength(1);
  });

  it('without an organisation policy, the person\'s settings alone', () => {
    const c = controller(null);
    c.setSettings({ notifications: false, intervalHours: 24 });
    expect(c.settings()).toMatchObject({ notifications: false, intervalHours: 24, language: 'vi' });
  });
});

describe('the tray tooltip', () => {
  const model = (over: Partial<TrayModel> = {}): TrayModel => ({ state: 'red', report: reportWith([zoomInstalled]), checking: false, pausedUntil: null, language: 'vi', ...over });

  it('says the organisation policy was refused, before the last result, within Windows\' 127 characters', () => {
    const vi = trayTooltip(model({ policyRefused: true }), mainTranslator('vi'));
    expect(vi.split('\n')[1]).toBe('Chính sách cơ quan bị từ chối');
    // Windows shows the first 127 characters: the policy's line is within them, whatever the result's length.
    expect(vi.slice(0, 127)).toContain('\nChính sách cơ quan bị từ chối\n');
    expect(trayTooltip(model({ policyRefused: true, language: 'en' }), mainTranslator('en')).split('\n')[1]).toBe('Agency policy refused');
    expect(trayTooltip(model(), mainTranslator('vi'))).not.toContain('Chính sách');
    new AppTray('/app/assets', { checkNow: () => undefined, openWindow: () => undefined, pause: () => undefined, setLanguage: () => undefined, quit: () => undefined }, 'win32').update(model({ policyRefused: true }), mainTranslator('vi'));
    expect(fake.trays[0]!.tooltip).toBe(vi);
  });
});

describe('the check runner and the policy view', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  function machine(policyText: string): RealHost {
    const folder = join(dir, 'machine');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'policy.json'), policyText);
    writeFileSync(join(folder, 'policy-signing.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }).toString());
    return new RealHost({ homedir: dir, env: { ATTT_SELFCHECK_DATA_DIR: join(dir, 'data'), ATTT_SELFCHECK_MACHINE_CATALOG_DIR: '', ATTT_SELFCHECK_MACHINE_POLICY_DIR: folder, ATTT_SELFCHECK_PASSWD_FILE: join(dir, 'none') } });
  }
  const payload = JSON.stringify({ schemaVersion: 1, id: 'ubnd-test', issuedAt: '2026-01-01', notAfter: '2099-12-31', settings: { agency: { name: 'UBND phường Hồng Gai', itContact: { phone: '0203 3825 123' } }, notifications: { usersMayTurnOff: false } } });

  it('reads the policy before each check; the report and the window\'s view carry the agency; a refusal reaches both', async () => {
    const host = machine(JSON.stringify(signText(SIGNED_POLICY_FORMAT, payload, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())));
    const changes: string[] = [];
    const holder = new PolicyHolder(() => loadPolicyInForce(host, new Date()), (p) => changes.push(p.provenance.origin));
    const run = makeCheckRunner(join(dir, 'data'), host, undefined, () => holder.refresh());
    const report = await run('banned-app');
    expect(report.policy).toMatchObject({ origin: 'organisation', agency: { name: 'UBND phường Hồng Gai', itContact: { phone: '0203 3825 123' } }, refusals: [] });
    expect(policyView(holder.current()).organisation).toMatchObject({ origin: 'organisation', usersMayTurnOffNotifications: false, agency: { name: 'UBND phường Hồng Gai' } });
    // IT's file is damaged while the app runs: the next check says so and judges by the built-in policy.
    writeFileSync(join(dir, 'machine', 'policy.json'), '{ broken');
    const after = await run('banned-app');
    expect(after.policy).toMatchObject({ origin: 'builtin', refusals: [{ kind: 'malformed' }] });
    expect(policyView(holder.current()).organisation).toMatchObject({ origin: 'builtin', usersMayTurnOffNotifications: true, refusals: [{ kind: 'malformed' }] });
    expect(changes).toEqual(['organisation', 'builtin']);
  });

  it('before the policy is read, the built-in one with nothing refused', () => {
    expect(policyView(builtinPolicyInForce()).organisation).toEqual({ origin: 'builtin', sources: [], refusals: [], fullCheckHours: null, usersMayTurnOffNotifications: true, advisoryNote: null });
  });
});
