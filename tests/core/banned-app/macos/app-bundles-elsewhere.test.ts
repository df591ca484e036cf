// zoom.us.app outside /Applications (Downloads, Desktop, with a Vietnamese home), found by its bundle id only;
// a look-alike bundle named zoom.us.app, a link to a bundle, and a garbled one are not; removal to the Trash.
import { describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { appBundlesElsewhereProbe } from '../../../../src/core/checks/banned-app/macos/app-bundles-elsewhere';
import { otherUsersAppBundlesElsewhereProbe } from '../../../../src/core/checks/banned-app/macos/other-users-probes';
import { allowedAction, allowlistFor } from '../../../../src/core/remediation/allowlist';
import { planFindings } from '../../../../src/core/remediation/plan-findings';
import { hitsOf, NOW, runProbe, zoom } from '../linux/harness';
import { builtinPolicy } from '../../../../src/core/policy/policy';
import { file, HOME, mac } from './mac-fixtures';

const INFO = 'Contents/Info.plist';

describe('zoom.us.app outside /Applications', () => {
  it('is found in Downloads and on the Desktop by its bundle id, whatever its name, as Zoom that runs', async () => {
    const h = mac({
      [`${HOME}/Downloads/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'),
      [`${HOME}/Desktop/Họp.app/${INFO}`]: file('zoom.us-Info.plist'),
      [`${HOME}/Desktop/Safari.app/${INFO}`]: file('safari-Info.plist'),
    });
    const hits = hitsOf(await runProbe(appBundlesElsewhereProbe, h));
    expect(hits.map((x) => [x.kind, x.install, x.evidence.data?.bundleId, x.title?.key])).toEqual([
      ['installed', `app:${HOME}/Downloads/zoom.us.app`, 'us.zoom.xos', 'bannedApp:form.app-bundle-elsewhere'],
      ['installed', `app:${HOME}/Desktop/Họp.app`, 'us.zoom.xos', 'bannedApp:form.app-bundle-elsewhere'],
    ]);
  });

  it('a bundle named zoom.us.app with another id, a garbled Info.plist, or a link to a real Zoom are not it', async () => {
    const h = mac({
      [`${HOME}/Downloads/zoom.us.app/${INFO}`]: file('zoomer-Info.plist'),
      [`${HOME}/Downloads/Broken.app/${INFO}`]: { type: 'file', content: new Uint8Array([0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 0xff]) },
      [`${HOME}/Desktop/Zoom.app`]: { type: 'symlink', target: '/Applications/zoom.us.app' },
      [`/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'),
    });
    expect(hitsOf(await runProbe(appBundlesElsewhereProbe, h))).toEqual([]);
  });

  it("in another person's Downloads and Desktop it is found by its bundle id, named as theirs, and left to them", async () => {
    const h = mac({
      '/Users/lan': { type: 'dir' },
      [`/Users/lan/Downloads/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'),
      [`/Users/lan/Desktop/Safari.app/${INFO}`]: file('safari-Info.plist'),
      [`/Users/lan/Desktop/zoom.us.app/${INFO}`]: file('zoomer-Info.plist'),
    });
    expect(hitsOf(await runProbe(otherUsersAppBundlesElsewhereProbe, h)).map((x) => [x.install, x.evidence.data?.user])).toEqual([[`app:/Users/lan/Downloads/zoom.us.app`, 'lan']]);
    const findings = (await bannedAppCheck({ darwin: [otherUsersAppBundlesElsewhereProbe], linux: [], win32: [] }).run({ host: h, policy: builtinPolicy(), now: NOW })).filter((f) => f.status !== 'ok');
    expect(findings.map((f) => [f.status, f.title])).toEqual([['violation', { key: 'bannedApp:form.app-bundle-elsewhereOfUser', params: { app: 'Zoom', user: 'lan' } }]]);
    const [plan] = await planFindings(h, zoom(), findings);
    expect([plan!.kind, plan!.steps, plan!.why?.key]).toEqual(['manual', [], 'fix:why.otherUser']);
  });

  it('is removed to the Trash (allowlisted there, to the Trash only)', async () => {
    const h = mac({ [`${HOME}/Downloads/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist') });
    const findings = await bannedAppCheck({ darwin: [appBundlesElsewhereProbe], linux: [], win32: [] }).run({ host: h, policy: builtinPolicy(), now: NOW });
    const [plan] = await planFindings(h, zoom(), findings);
    expect(plan!.steps[0]).toMatchObject({ kind: 'trash', path: `${HOME}/Downloads/zoom.us.app` });
    const list = allowlistFor(h, zoom());
    expect(allowedAction(h, list, `${HOME}/Downloads/zoom.us.app`)).toBe('trash');
    expect(allowedAction(h, list, `${HOME}/Downloads/Notes`)).toBeNull();
  });
});
