// Real files in a temporary home, read through the real host (nothing outside the temporary folder is touched).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../src/core/checks/banned-app/banned-app-check';
import { browserExtensionProbes, chromiumExtensionsProbe, firefoxExtensionsProbe } from '../../../src/core/checks/banned-app/browser-extensions';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { browserFile, browserFolder } from '../../fixtures/browsers/fixture-files';
import { hitsOf, NOW, runProbe, zoom } from './linux/harness';

const SCHEDULER = 'kgjfgplpablkjnlkjmjdecgdpfankdle';
const PAGE_ZOOM = 'lajondecmobodlejlcjllhojikagldgd';
const homes: string[] = [];

afterEach(() => {
  for (const h of homes.splice(0)) {
    rmSync(h, { recursive: true, force: true });
  }
});

function tempHome(): string {
  const h = mkdtempSync(join(tmpdir(), 'attt-browser-ext-'));
  homes.push(h);
  return h;
}

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/** A host on the temporary home, with an empty environment so no real $XDG_CONFIG_HOME leaks in. */
const hostOn = (home: string): SandboxHost => new SandboxHost({ homedir: home, env: {} });

describe('real files in a temporary home (Linux layout)', () => {
  it('finds Zoom Scheduler in Chrome and Firefox; the decoy is clean; the check gives violations with a manual plan only', async () => {
    const home = tempHome();
    const chrome = join(home, '.config', 'google-chrome');
    write({
      ...browserFolder('chromium/zoom-scheduler', join(chrome, 'Profile 1', 'Extensions', SCHEDULER, '2.2.1_0'), 'posix'),
      ...browserFolder('chromium/zoom-for-google-chrome', join(chrome, 'Default', 'Extensions', PAGE_ZOOM, '3.4.2_0'), 'posix'),
      [join(home, '.mozilla', 'firefox', 'profiles.ini')]: browserFile('firefox/profiles.ini'),
      [join(home, '.mozilla', 'firefox', 'Profiles', 'x1y2z3ab.default-release', 'extensions.json')]: browserFile('firefox/extensions.json'),
    });
    const host = hostOn(home);
    const chromeHits = hitsOf(await runProbe(chromiumExtensionsProbe, host));
    expect(chromeHits.map((h) => [h.install, h.evidence.data?.name, h.evidence.path])).toEqual([
      [`extension:chrome:Profile 1:${SCHEDULER}`, 'Zoom Scheduler', join(chrome, 'Profile 1', 'Extensions', SCHEDULER, '2.2.1_0', 'manifest.json')],
    ]);
    expect(hitsOf(await runProbe(firefoxExtensionsProbe, host)).map((h) => h.evidence.data?.id)).toEqual(['{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}']);

    const findings = await bannedAppCheck({ linux: browserExtensionProbes, darwin: [], win32: [] }).run({ host, policy: builtinPolicy(), now: NOW });
    expect(findings.map((f) => [f.status, f.action?.key, f.remediation])).toEqual([
      ['violation', 'bannedApp:extension.action', undefined],
      ['violation', 'bannedApp:extension.action', undefined],
    ]);
    // The removal engine offers nothing to run for an extension: only the manual way, with why.
    const plans = await planFindings(host, zoom(), findings);
    expect(plans.map((p) => [p.kind, p.steps.length, p.why?.key, p.manual.map((m) => m.key)])).toEqual([
      ['manual', 0, 'fix:why.browserExtension', ['bannedApp:extension.action']],
      ['manual', 0, 'fix:why.browserExtension', ['bannedApp:extension.action']],
    ]);
  });

  it('a home without browser data: neither probe applies', async () => {
    const host = hostOn(tempHome());
    expect((await runProbe(chromiumExtensionsProbe, host)).status).toBe('not-applicable');
    expect((await runProbe(firefoxExtensionsProbe, host)).status).toBe('not-applicable');
  });

  it('an Extensions folder that is a symbolic-link loop cannot be read: unknown with the reason', async () => {
    const home = tempHome();
    const profile = join(home, '.config', 'chromium', 'Default');
    mkdirSync(profile, { recursive: true });
    symlinkSync('Extensions', join(profile, 'Extensions'));
    const r = await runProbe(chromiumExtensionsProbe, hostOn(home));
    expect(r).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.readFailed', params: { path: join(profile, 'Extensions') } } });
  });

  it.skipIf(process.getuid?.() === 0)('a profile folder without read permission: unknown, permission denied', async () => {
    const home = tempHome();
    const profile = join(home, '.config', 'BraveSoftware', 'Brave-Browser', 'Default');
    write(browserFolder('chromium/zoom-for-google-chrome', join(profile, 'Extensions', PAGE_ZOOM, '3.4.2_0'), 'posix'));
    chmodSync(profile, 0o000);
    try {
      expect(await runProbe(chromiumExtensionsProbe, hostOn(home))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
    } finally {
      chmodSync(profile, 0o700);
    }
  });
});
