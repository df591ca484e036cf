import { describe, expect, it } from 'vitest';
import { judge } from '../../../../src/core/checks/banned-app/banned-app-check';
import { appBundlesProbe } from '../../../../src/core/checks/banned-app/macos/app-bundles';
import { launchdProbe } from '../../../../src/core/checks/banned-app/macos/launchd';
import { localServerProbe, lsofArgv } from '../../../../src/core/checks/banned-app/macos/local-server';
import { macosInstallersProbe, macosLeftoversProbe } from '../../../../src/core/checks/banned-app/macos/macos-probes';
import { MAC_PS_ARGV, macosProcessesProbe } from '../../../../src/core/checks/banned-app/macos/processes';
import { PKGUTIL_PKGS, receiptsProbe } from '../../../../src/core/checks/banned-app/macos/receipts';
import { fixture, hitsOf, runProbe, zoom } from '../linux/harness';
import { file, HOME, mac } from './mac-fixtures';

const INFO = 'Contents/Info.plist';
const pkgInfo = { argv: ['pkgutil', '--pkg-info', 'us.zoom.pkg.videomeeting'], stdout: fixture('macos', 'pkgutil-pkg-info-videomeeting.txt') };

describe('app bundles', () => {
  it('finds zoom.us.app in /Applications with bundle id and version, and a renamed copy in ~/Applications by its id; Zoomer.app is not Zoom', async () => {
    const h = mac({
      [`/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'),
      [`/Applications/Zoomer.app/${INFO}`]: file('zoomer-Info.plist'),
      [`/Applications/Safari.app/${INFO}`]: file('safari-Info.bplist'),
      [`${HOME}/Applications/Họp trực tuyến.app/${INFO}`]: file('zoom.us-Info.plist'),
      '/Applications/zoom.txt': 'not an app',
    });
    const hits = hitsOf(await runProbe(appBundlesProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.version, x.evidence.data?.bundleId, x.evidence.data?.scope])).toEqual([
      ['app:/Applications/zoom.us.app', '6.1.11 (39163)', 'us.zoom.xos', 'system'],
      [`app:${HOME}/Applications/Họp trực tuyến.app`, '6.1.11 (39163)', 'us.zoom.xos', 'user'],
    ]);
    expect(hits[0]).toMatchObject({ kind: 'installed', remediation: 'uninstall.macos-app', evidence: { kind: 'app-bundle', path: '/Applications/zoom.us.app' } });
    // Safari's binary Info.plist does not contain the id: no plutil run for it.
    expect(h.calls.filter((c) => c[0] === 'plutil')).toEqual([]);
  });

  it('reads a renamed bundle whose Info.plist is binary through plutil', async () => {
    const path = `/Applications/Meetings.app/${INFO}`;
    const h = mac({ [path]: file('zoom.us-Info.bplist') }, [{ argv: ['plutil', '-convert', 'xml1', '-o', '-', path], stdout: fixture('macos', 'zoom.us-Info.plutil-xml1.txt') }]);
    expect(hitsOf(await runProbe(appBundlesProbe, h)).map((x) => [x.install, x.evidence.version])).toEqual([['app:/Applications/Meetings.app', '6.1.11 (39163)']]);
  });

  it('still reports zoom.us.app by name when its Info.plist is garbled, without a version, not confirmed', async () => {
    const h = mac({ [`/Applications/zoom.us.app/${INFO}`]: '<plist><dict><key>CFBundleIdentifier</key><str' });
    expect(hitsOf(await runProbe(appBundlesProbe, h)).map((x) => [x.install, x.evidence.version, x.evidence.data?.identity])).toEqual([['app:/Applications/zoom.us.app', undefined, 'unconfirmed']]);
  });

  it('the bundle id decides, not the name: zoom.us.app whose Info.plist names another app is not Zoom', async () => {
    const h = mac({ [`/Applications/zoom.us.app/${INFO}`]: file('zoomer-Info.plist'), [`${HOME}/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist') });
    expect(hitsOf(await runProbe(appBundlesProbe, h)).map((x) => [x.install, x.evidence.data?.bundleId, x.evidence.data?.identity])).toEqual([[`app:${HOME}/Applications/zoom.us.app`, 'us.zoom.xos', 'bundle']]);
  });

  it('is unknown when /Applications cannot be listed; a missing ~/Applications is fine', async () => {
    expect(await runProbe(appBundlesProbe, mac({ '/Applications': { type: 'error', code: 'permission' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
    expect(hitsOf(await runProbe(appBundlesProbe, mac({})))).toEqual([]);
  });
});

describe('pkg receipts', () => {
  it('finds us.zoom.* receipts with their version, grouped with the app bundle they installed', async () => {
    const h = mac({ '/Applications/zoom.us.app': { type: 'dir' } }, [{ argv: PKGUTIL_PKGS, stdout: fixture('macos', 'pkgutil-pkgs.txt') }, pkgInfo]);
    const hits = hitsOf(await runProbe(receiptsProbe, h));
    expect(hits.map((x) => [x.kind, x.install, x.evidence.version, x.evidence.data?.pkgId])).toEqual([['leftover', 'app:/Applications/zoom.us.app', '6.1.11.39163', 'us.zoom.pkg.videomeeting']]);
  });

  it('reports a receipt whose app is gone as a leftover of its own', async () => {
    const h = mac({}, [{ argv: PKGUTIL_PKGS, stdout: fixture('macos', 'pkgutil-pkgs.txt') }, pkgInfo]);
    expect(hitsOf(await runProbe(receiptsProbe, h)).map((x) => x.install)).toEqual(['receipt:us.zoom.pkg.videomeeting']);
  });

  it('keeps the receipt when pkg-info fails (no version)', async () => {
    const h = mac({}, [{ argv: PKGUTIL_PKGS, stdout: 'us.zoom.pkg.videomeeting\n' }]);
    expect(hitsOf(await runProbe(receiptsProbe, h)).map((x) => [x.install, x.evidence.version])).toEqual([['receipt:us.zoom.pkg.videomeeting', undefined]]);
  });

  it('is clean without Zoom receipts; unknown on empty, garbled, truncated output and a timeout', async () => {
    expect(hitsOf(await runProbe(receiptsProbe, mac({}, [{ argv: PKGUTIL_PKGS, stdout: fixture('macos', 'pkgutil-pkgs-clean.txt') }])))).toEqual([]);
    expect(await runProbe(receiptsProbe, mac({}, [{ argv: PKGUTIL_PKGS, stdout: '' }]))).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:macos.reason.noReceipts' } });
    expect(await runProbe(receiptsProbe, mac({}, [{ argv: PKGUTIL_PKGS, stdout: 'com.apple.pkg.X\nBiên nhận lỗi\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await runProbe(receiptsProbe, mac({}, [{ argv: PKGUTIL_PKGS, stdout: 'com.apple.pkg.CLTools_Exec' }]))).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:macos.reason.truncated' } });
    expect(await runProbe(receiptsProbe, mac({}, [{ argv: PKGUTIL_PKGS, error: 'timeout' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
  });
});

describe('launchd jobs', () => {
  it('finds agents and daemons by file name and by Label (binary plists through plutil); Google Keystone is not Zoom', async () => {
    const daemon = '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist';
    const h = mac(
      {
        [`${HOME}/Library/LaunchAgents/us.zoom.updater.plist`]: file('us.zoom.updater.plist'),
        [`${HOME}/Library/LaunchAgents/com.google.keystone.agent.plist`]: file('com.google.keystone.agent.plist'),
        '/Library/LaunchAgents/login-check.plist': file('renamed-login-check.plist'),
        [daemon]: file('us.zoom.ZoomDaemon.plist'),
      },
      [{ argv: ['plutil', '-convert', 'xml1', '-o', '-', daemon], stdout: fixture('macos', 'us.zoom.ZoomDaemon.plutil-xml1.txt') }],
    );
    const hits = hitsOf(await runProbe(launchdProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.data?.domain, x.evidence.path])).toEqual([
      ['launchd:us.zoom.updater', 'user', `${HOME}/Library/LaunchAgents/us.zoom.updater.plist`],
      ['launchd:us.zoom.updater.login.check', 'system', '/Library/LaunchAgents/login-check.plist'],
      ['launchd:us.zoom.ZoomDaemon', 'system', daemon],
    ]);
    expect(hits[0]).toMatchObject({ kind: 'leftover', remediation: 'remove.allowlisted', evidence: { kind: 'launch-agent', data: { label: 'us.zoom.updater' } } });
  });

  it('judges an unreadable job by its file name, and is unknown when a folder cannot be listed', async () => {
    const h = mac({ '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist': { type: 'error', code: 'permission' } });
    expect(hitsOf(await runProbe(launchdProbe, h)).map((x) => x.install)).toEqual(['launchd:us.zoom.ZoomDaemon']);
    expect(await runProbe(launchdProbe, mac({ '/Library/LaunchDaemons': { type: 'error', code: 'permission' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });
});

describe('the old local web server', () => {
  it('finds the listener on port 19421 and ZoomOpener.app hidden in ~/.zoomus', async () => {
    const h = mac({ [`${HOME}/.zoomus/ZoomOpener.app/${INFO}`]: file('ZoomOpener-Info.plist') }, [{ argv: lsofArgv(19421), stdout: fixture('macos', 'lsof-19421.txt') }]);
    const hits = hitsOf(await runProbe(localServerProbe, h));
    expect(hits.map((x) => [x.kind, x.install, x.evidence.kind])).toEqual([
      ['running', 'port:19421', 'port'],
      ['installed', `app:${HOME}/.zoomus/ZoomOpener.app`, 'app-bundle'],
    ]);
    expect(hits[0]!.evidence.data).toEqual({ port: '19421', pid: '1234', name: 'ZoomOpene' });
    expect(hits[1]!.evidence.data).toMatchObject({ bundleId: 'us.zoom.ZoomOpener', scope: 'user' });
  });

  it('is clean when nothing listens (lsof exits 1) and when lsof is missing; unknown when lsof hangs or prints garbage', async () => {
    expect(hitsOf(await runProbe(localServerProbe, mac({}, [{ argv: lsofArgv(19421), exitCode: 1 }])))).toEqual([]);
    expect(hitsOf(await runProbe(localServerProbe, mac({})))).toEqual([]);
    expect(await runProbe(localServerProbe, mac({}, [{ argv: lsofArgv(19421), error: 'timeout' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
    expect(await runProbe(localServerProbe, mac({}, [{ argv: lsofArgv(19421), stdout: 'lsof: WARNING: can\'t stat() fuse\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
  });
});

describe('processes', () => {
  it('finds zoom.us by the executable name, not zoom.us.helper, ZoomClips or a Vietnamese-named app', async () => {
    const hits = hitsOf(await runProbe(macosProcessesProbe, mac({}, [{ argv: MAC_PS_ARGV, stdout: fixture('macos', 'ps-axo.txt') }])));
    expect(hits.map((x) => [x.install, x.evidence.data?.pid, x.evidence.data?.exe, x.evidence.data?.identity])).toEqual([['process:zoom', '777', '/Applications/zoom.us.app/Contents/MacOS/zoom.us', 'unconfirmed']]);
    expect(hits[0]!.evidence.label).toEqual({ key: 'bannedApp:evidence.processNoBundle', params: { name: 'zoom.us', pid: 777 } });
  });

  it('a zoom.us is Zoom by the bundle id of the app it runs from; one in another app\'s bundle is not; one outside any bundle is not confirmed', async () => {
    const ps = '    1 /sbin/launchd\n  777 /Applications/zoom.us.app/Contents/MacOS/zoom.us\n  800 /Applications/Zoomer.app/Contents/MacOS/zoom.us\n  801 /tmp/zoom.us\n';
    const h = mac({ [`/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist'), [`/Applications/Zoomer.app/${INFO}`]: file('zoomer-Info.plist') }, [{ argv: MAC_PS_ARGV, stdout: ps }]);
    const r = await runProbe(macosProcessesProbe, h);
    expect(hitsOf(r).map((x) => [x.evidence.data?.pid, x.evidence.data?.identity, x.evidence.data?.bundleId])).toEqual([
      ['777', 'bundle', 'us.zoom.xos'],
      ['801', 'unconfirmed', undefined],
    ]);
    expect(r.status === 'ran' && r.looked).toContain('zoom.us (pid 800) runs from /Applications/Zoomer.app (com.example.zoomer)');
  });

  it('is unknown on empty or garbled ps output, or a missing ps', async () => {
    expect(await runProbe(macosProcessesProbe, mac({}, [{ argv: MAC_PS_ARGV, stdout: '' }]))).toMatchObject({ status: 'unknown' });
    expect(await runProbe(macosProcessesProbe, mac({}, [{ argv: MAC_PS_ARGV, stdout: 'ps: illegal option -- o\nusage: ps\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await runProbe(macosProcessesProbe, mac({}))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing' } });
  });
});

describe('installers, leftovers and the whole picture on a Mac', () => {
  it('finds Zoom.pkg and zoomusInstallerFull.pkg in ~/Downloads, leftovers in ~/Library and /Library', async () => {
    const h = mac({
      [`${HOME}/Downloads/Zoom.pkg`]: 'xar!',
      [`${HOME}/Downloads/zoomusInstallerFull.pkg`]: 'xar!!',
      [`${HOME}/Downloads/zoom.txt`]: 'notes',
      [`${HOME}/Library/Application Support/zoom.us/data/zoomus.enc.db`]: 'db',
      [`${HOME}/Library/Logs/zoominstall.log`]: 'log',
      '/Library/Internet Plug-Ins/ZoomUsPlugIn.plugin': { type: 'dir' },
    });
    expect(hitsOf(await runProbe(macosInstallersProbe, h)).map((x) => [x.install, x.evidence.data?.size])).toEqual([
      [`installer:${HOME}/Downloads/Zoom.pkg`, '4'],
      [`installer:${HOME}/Downloads/zoomusInstallerFull.pkg`, '5'],
    ]);
    expect(hitsOf(await runProbe(macosLeftoversProbe, h)).map((x) => x.install)).toEqual([
      `leftover:${HOME}/Library/Application Support/zoom.us`,
      `leftover:${HOME}/Library/Logs/zoominstall.log`,
      'leftover:/Library/Internet Plug-Ins/ZoomUsPlugIn.plugin',
    ]);
  });

  it('one install seen as bundle, receipt and process gives one violation for the bundle and one for the processes', async () => {
    const h = mac({ [`/Applications/zoom.us.app/${INFO}`]: file('zoom.us-Info.plist') }, [
      { argv: PKGUTIL_PKGS, stdout: fixture('macos', 'pkgutil-pkgs.txt') },
      pkgInfo,
      { argv: MAC_PS_ARGV, stdout: fixture('macos', 'ps-axo.txt') },
    ]);
    const results = await Promise.all([appBundlesProbe, receiptsProbe, macosProcessesProbe].map(async (p) => [p, await runProbe(p, h)] as const));
    const violations = judge(zoom(), results).filter((f) => f.status === 'violation');
    expect(violations.map((f) => f.evidence.map((e) => e.kind).join('+')).sort()).toEqual(['app-bundle+receipt', 'process']);
  });
});
