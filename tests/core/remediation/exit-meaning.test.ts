import { describe, expect, it } from 'vitest';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import type { RunResult } from '../../../src/core/host/host';
import type { MutableHost } from '../../../src/core/host/mutable-host';
import { createTranslator } from '../../../src/core/i18n/translator';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowlistFor } from '../../../src/core/remediation/allowlist';
import { elevatedArgv } from '../../../src/core/remediation/elevation';
import { readExit } from '../../../src/core/remediation/exit-meaning';
import type { RunStep } from '../../../src/core/remediation/plan';
import { runPlan } from '../../../src/core/remediation/runner';
import { MSI_OK_CODES } from '../../../src/core/remediation/windows-plans';
import { rootOwned } from '../../helpers/system-files';

const msiexec = 'C:\\Windows\\System32\\msiexec.exe';
const msiStep: RunStep = { kind: 'run', title: { key: 'fix:step.msiexec' }, argv: [msiexec, '/x', '{11111111-2222-3333-4444-555555555555}', '/qn', '/norestart'], elevation: 'admin', okExitCodes: MSI_OK_CODES, codes: 'windows-installer' };
const uninstaller: RunStep = { kind: 'run', title: { key: 'fix:step.uninstaller' }, argv: ['C:\\Users\\an\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe', '/uninstall'], elevation: 'none', okExitCodes: [0] };
const apt: RunStep = { kind: 'run', title: { key: 'fix:step.package' }, argv: ['/usr/bin/apt-get', 'remove', '-y', 'zoom'], elevation: 'admin', okExitCodes: [0] };

function result(argv: readonly string[], exitCode: number | null, stderr = '', signal: string | null = null): RunResult {
  return { argv, exitCode, signal, stdout: '', stderr, durationMs: 1 };
}

/** msiexec run through the UAC wrapper, as the runner runs an elevated Windows Installer step. */
const uac = elevatedArgv('win32', msiStep.argv, { SystemRoot: 'C:\\Windows' });
const vi = createTranslator('vi');
const en = createTranslator('en');

describe('a step’s exit code is said in words, by the kind of program that gave it', () => {
  it.each([
    [1602, 'failed', 'fix:exit.msi.1602'],
    [1603, 'failed', 'fix:exit.msi.1603'],
    [1618, 'failed', 'fix:exit.msi.1618'],
    [1605, 'ok', 'fix:exit.msi.1605'],
    [3010, 'ok', 'fix:exit.msi.3010'],
    [1641, 'ok', 'fix:exit.msi.1641'],
  ] as const)('Windows Installer %i (through the administrator prompt) → %s with its own words', (code, outcome, key) => {
    const r = readExit('win32', msiStep, result(uac, code));
    expect(r).toEqual({ outcome, message: { key, params: { code } } });
    expect(vi.message(r.message!)).toContain(String(code));
  });

  it('Windows Installer 0 is plain success, with nothing to add', () => {
    expect(readExit('win32', msiStep, result(uac, 0))).toEqual({ outcome: 'ok' });
  });

  it('1223 from the UAC wrapper is a refused administrator prompt; the same code from an uninstaller run without it is a generic failure', () => {
    expect(readExit('win32', msiStep, result(uac, 1223))).toEqual({ outcome: 'elevation-refused', message: { key: 'fix:exit.elevation.uacRefused', params: { code: 1223 } } });
    const plain = readExit('win32', uninstaller, result(uninstaller.argv, 1223));
    expect(plain).toEqual({ outcome: 'failed', message: { key: 'fix:exit.other', params: { tool: 'Installer.exe', code: 1223 } } });
  });

  it('an unlisted Windows Installer code gets the generic words, naming msiexec.exe, not the wrapper', () => {
    expect(readExit('win32', msiStep, result(uac, 1612))).toEqual({ outcome: 'failed', message: { key: 'fix:exit.other', params: { tool: 'msiexec.exe', code: 1612 } } });
  });

  it('a Windows Installer code means nothing special from another program (1603 from Zoom’s own uninstaller)', () => {
    expect(readExit('win32', uninstaller, result(uninstaller.argv, 1603)).message?.key).toBe('fix:exit.other');
  });

  it('pkexec 126 = the dialog was dismissed, 127 = not authorised; another code is the program’s own failure', () => {
    expect(readExit('linux', apt, result(['/usr/bin/pkexec', ...apt.argv], 126)).message).toEqual({ key: 'fix:exit.elevation.dismissed', params: { code: 126 } });
    expect(readExit('linux', apt, result(['/usr/bin/pkexec', ...apt.argv], 127)).message).toEqual({ key: 'fix:exit.elevation.notAuthorised', params: { code: 127 } });
    const own = readExit('linux', apt, result(['/usr/bin/pkexec', ...apt.argv], 100, 'E: Could not get lock /var/lib/dpkg/lock-frontend\n'));
    expect(own).toEqual({ outcome: 'failed', message: { key: 'fix:exit.otherDetail', params: { tool: 'apt-get', code: 100, detail: 'E: Could not get lock /var/lib/dpkg/lock-frontend' } } });
  });

  it('macOS: osascript’s -128 is a cancelled administrator prompt', () => {
    const argv = elevatedArgv('darwin', ['/bin/rm', '-rf', '/Applications/zoom.us.app']);
    expect(readExit('darwin', null, result(argv, 1, '0:48: execution error: User canceled. (-128)')).outcome).toBe('elevation-refused');
  });

  it('killed by a signal: said as such, never as «mã -1»', () => {
    const r = readExit('linux', apt, result(apt.argv, null, '', 'SIGKILL'));
    expect(r).toEqual({ outcome: 'failed', message: { key: 'fix:exit.signal', params: { tool: 'apt-get', signal: 'SIGKILL' } } });
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ] as const)('%s: every reading is full sentences with what to do next: no dangling «(mã 1603):», no placeholder left, the technical text on its own line', (_lang, t) => {
    const readings = [
      ...[1602, 1603, 1605, 1618, 1641, 3010, 1612, 1223].map((c) => readExit('win32', msiStep, result(uac, c))),
      readExit('linux', apt, result(['/usr/bin/pkexec', ...apt.argv], 126)),
      readExit('linux', apt, result(['/usr/bin/pkexec', ...apt.argv], 127)),
      readExit('linux', apt, result(apt.argv, 100, 'E: Unable to locate package zoom')),
      readExit('linux', apt, result(apt.argv, null, '', 'SIGTERM')),
      readExit('darwin', null, result(elevatedArgv('darwin', ['/bin/rm', '/x']), 1, '(-128)')),
    ];
    for (const r of readings) {
      const text = t.message(r.message!);
      expect(text).not.toMatch(/\{\{|\}\}|^fix:|\):\s*$|:\s*$/);
      expect(text.split('\n')[0]).toMatch(/[.)]$/);
      if (r.outcome !== 'ok' && !/1605/.test(text)) expect(text).toMatch(t.language === 'vi' ? /đề nghị đồng chí/i : /please/i);
    }
    const detail = t.message(readings[10]!.message!).split('\n');
    expect(detail).toHaveLength(2);
    expect(detail[0]).not.toContain('Unable to locate');
    expect(detail[1]).toContain('E: Unable to locate package zoom');
  });

  it('Vietnamese readings carry no English word (product names aside)', () => {
    const keys = ['1602', '1603', '1605', '1618', '1641', '3010'].map((c) => `fix:exit.msi.${c}`).concat(['uacRefused', 'dismissed', 'notAuthorised', 'macosCancelled'].map((k) => `fix:exit.elevation.${k}`), ['fix:exit.other', 'fix:exit.signal']);
    for (const key of keys) expect(vi.t(key, { code: 1, tool: 'msiexec.exe', signal: 'SIGTERM' }).replace(/Windows Installer|Windows|macOS|msiexec\.exe/g, '')).not.toMatch(/\b(the|error|failed|cancel(l)?ed|password|installer|code|please|Yes)\b/i);
  });
});

describe('the runner says what the code means for a failing pkexec step', () => {
  it('Linux: pkexec 126 stops the plan as refused elevation, in words', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: rootOwned({ '/usr/bin/apt-get': 'ELF' }), commands: [{ argv: ['/usr/bin/pkexec'], prefix: true, exitCode: 126 }] });
    const mutable = { platform: 'linux', appendLine: () => Promise.resolve() } as unknown as MutableHost;
    const plan = { id: 'f:uninstall', findingId: 'f', kind: 'uninstall' as const, title: { key: 'bannedApp:installed.title' }, steps: [{ ...apt, argv: ['apt-get', 'remove', '-y', 'zoom'] }], manual: [], evidence: [] };
    const r = await runPlan(plan, { host, mutable, allowlist: allowlistFor(host, builtinPolicy().bannedApps[0]!), now: () => new Date('2026-11-25T08:00:00Z'), privileged: false });
    expect(r.outcome).toBe('elevation-refused');
    expect(r.message).toEqual({ key: 'fix:exit.elevation.dismissed', params: { code: 126 } });
    expect(r.steps[0]).toMatchObject({ exitCode: 126, argv: ['/usr/bin/pkexec', '/usr/bin/apt-get', 'remove', '-y', 'zoom'] });
  });
});
