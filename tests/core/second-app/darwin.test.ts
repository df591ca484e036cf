// MeetFast, a made-up meeting app defined only in a test policy, on a recorded Mac: its bundle (by bundle id, also
// renamed), pkg receipt, launch agent and daemon, running process, local web server on its own port, installer
// and leftovers are found and planned for removal by the same code as Zoom, from its policy entry alone; the
// allowlist holds its paths (launchd plists of its prefix, `macos.removable`) and never Zoom's under its name.
import { describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../src/core/checks/banned-app/banned-app-check';
import { macosProbes } from '../../../src/core/checks/banned-app/macos/macos-probes';
import { MAC_PS_ARGV } from '../../../src/core/checks/banned-app/macos/processes';
import { lsofArgv } from '../../../src/core/checks/banned-app/macos/local-server';
import type { FixtureNode } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowedAction, allowlistFor } from '../../../src/core/remediation/allowlist';
import { prepareFix } from '../../../src/core/remediation/fix-flow';
import type { Finding } from '../../../src/shared/finding';
import { meetfast, meetfastPolicy } from '../../helpers/meetfast-policy';
import { createTranslator } from '../../../src/core/i18n/translator';
import { HOME, mac } from '../banned-app/macos/mac-fixtures';

const plist = (entries: Readonly<Record<string, string>>): FixtureNode =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${Object.entries(entries)
    .map(([k, v]) => `\t<key>${k}</key>\n\t<string>${v}</string>\n`)
    .join('')}</dict>\n</plist>\n`;
const APP = '/Applications/MeetFast.app';
const RENAMED = `${HOME}/Applications/MF (old).app`;

function machine() {
  return mac(
    {
      [`${APP}/Contents/Info.plist`]: plist({ CFBundleIdentifier: 'io.meetfast.desktop', CFBundleName: 'MeetFast', CFBundleShortVersionString: '3.4.1' }),
      [`${APP}/Contents/MacOS/MeetFast`]: 'x',
      // A renamed copy is the app by its bundle id.
      [`${RENAMED}/Contents/Info.plist`]: plist({ CFBundleIdentifier: 'io.meetfast.desktop', CFBundleShortVersionString: '3.0.2' }),
      // A bundle called MeetFast.app of another vendor would not be; this one is someone else's app in ~/Applications.
      [`${HOME}/Applications/Notes Helper.app/Contents/Info.plist`]: plist({ CFBundleIdentifier: 'com.example.notes' }),
      [`${HOME}/Library/LaunchAgents/io.meetfast.updater.plist`]: plist({ Label: 'io.meetfast.updater' }),
      '/Library/LaunchDaemons/io.meetfast.helperd.plist': plist({ Label: 'io.meetfast.helperd' }),
      [`${HOME}/.meetfast-helper/MeetFastHelper.app/Contents/Info.plist`]: plist({ CFBundleIdentifier: 'io.meetfast.helper' }),
      [`${HOME}/Library/Caches/io.meetfast.desktop`]: { type: 'dir' },
      [`${HOME}/Downloads/MeetFast-3.4.1.pkg`]: 'xar!',
      [`${HOME}/Downloads/report.pdf`]: '%PDF',
    },
    [
      { argv: MAC_PS_ARGV, stdout: '    1 /sbin/launchd\n  512 /System/Library/CoreServices/Finder.app/Contents/MacOS/Finder\n  901 /Applications/MeetFast.app/Contents/MacOS/MeetFast\n' },
      { argv: ['pkgutil', '--pkgs'], stdout: 'com.apple.pkg.CLTools_Executables\nio.meetfast.pkg.desktop\n' },
      { argv: ['pkgutil', '--pkg-info', 'io.meetfast.pkg.desktop'], stdout: 'package-id: io.meetfast.pkg.desktop\nversion: 3.4.1\nvolume: /\nlocation: Applications\ninstall-time: 1719817200\n' },
      { argv: lsofArgv(28411), stdout: 'COMMAND     PID    USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME\nMeetFastH  1555 nguyen    5u  IPv4 0x2f1e0c3a8b9d7e51      0t0  TCP 127.0.0.1:28411 (LISTEN)\n' },
    ],
  );
}

const check = bannedAppCheck({ linux: [], win32: [], darwin: macosProbes });
const now = new Date('2026-07-20T08:00:00Z');
const of = (findings: readonly Finding[], app: string) => findings.filter((f) => f.app === app && f.status !== 'ok' && f.status !== 'unknown');

describe('a second banned app, only in the policy, on a recorded Mac', () => {
  it('is found by its bundle id, receipt, launchd prefix, process, port, installer and leftovers, titled by its own name', async () => {
    const findings = await check.run({ host: machine(), policy: meetfastPolicy(), now });
    const mf = of(findings, 'meetfast');
    const paths = mf.flatMap((f) => f.evidence.map((e) => e.path ?? e.detail));
    expect(paths).toEqual(
      expect.arrayContaining([
        APP,
        RENAMED,
        `${HOME}/Library/LaunchAgents/io.meetfast.updater.plist`,
        '/Library/LaunchDaemons/io.meetfast.helperd.plist',
        `${HOME}/.meetfast-helper/MeetFastHelper.app`,
        `${HOME}/Library/Caches/io.meetfast.desktop`,
        `${HOME}/Downloads/MeetFast-3.4.1.pkg`,
      ]),
    );
    expect(mf.flatMap((f) => f.evidence.map((e) => e.kind))).toEqual(expect.arrayContaining(['app-bundle', 'receipt', 'launch-agent', 'process', 'port', 'installer']));
    expect(paths.join('\n')).not.toMatch(/Notes Helper|report\.pdf/);
    expect(mf.every((f) => f.title.params?.app === 'MeetFast')).toBe(true);
    // The receipt belongs to the app it installed: one finding with the bundle.
    expect(mf.find((f) => f.evidence.some((e) => e.path === APP))!.evidence.map((e) => e.kind).sort()).toEqual(expect.arrayContaining(['app-bundle', 'receipt']));
    expect(JSON.stringify(mf)).not.toMatch(/zoom/i);
  });

  it('fix meetfast: its bundles to the Trash, its receipt forgotten, its jobs stopped by label, its helper closed and its folder removed', async () => {
    const prepared = await prepareFix({ host: machine(), policy: meetfastPolicy(), now }, 'meetfast', [check]);
    const steps = prepared.plans.flatMap((p) => p.steps.map((s) => (s.kind === 'run' ? s.argv.join(' ') : s.kind === 'close-app' ? `close ${s.pids.join(',')} ${s.names.join(',')}` : `${s.kind} ${s.path}`)));
    expect(steps).toEqual(
      expect.arrayContaining([
        `trash ${APP}`,
        `trash ${RENAMED}`,
        'pkgutil --forget io.meetfast.pkg.desktop',
        'launchctl remove io.meetfast.updater',
        `remove ${HOME}/Library/LaunchAgents/io.meetfast.updater.plist`,
        'launchctl remove io.meetfast.helperd',
        'remove /Library/LaunchDaemons/io.meetfast.helperd.plist',
        'close 1555 MeetFastHelper',
        `remove ${HOME}/.meetfast-helper`,
        `trash ${HOME}/Downloads/MeetFast-3.4.1.pkg`,
        `remove ${HOME}/Library/Caches/io.meetfast.desktop`,
      ]),
    );
    expect(steps.some((s) => s.startsWith('close 901 ') && s.includes('MeetFast'))).toBe(true);
    const manual = prepared.plans.find((p) => p.steps.some((s) => s.kind === 'trash' && s.path === APP))!.manual;
    expect(manual).toContainEqual({ key: 'fix:manual.macos.trash', params: { app: 'MeetFast', bundle: 'MeetFast' } });
    expect(manual).toContainEqual({ key: 'fix:manual.macos.launchd', params: { labels: 'io.meetfast.*' } });
    expect(JSON.stringify(prepared.plans)).not.toMatch(/zoom/i);
    // Every text a person reads of these plans names MeetFast, never Zoom, and leaves no placeholder.
    for (const lang of ['vi', 'en'] as const) {
      const t = createTranslator(lang);
      const texts = prepared.plans.flatMap((p) => [t.message(p.title), ...p.steps.map((s) => t.message(s.title)), ...p.manual.map((m) => t.message(m)), ...(p.why ? [t.message(p.why)] : [])]);
      expect(texts.join('\n')).not.toMatch(/zoom|\{\{/i);
      expect(texts.filter((x) => x.includes('MeetFast')).length).toBeGreaterThan(prepared.plans.length);
    }
  });

  it("the allowlist is the entry's: its launchd plists and `removable` paths, not Zoom's; Zoom's list has none of MeetFast's", () => {
    const host = machine();
    const mine = allowlistFor(host, meetfast());
    const zoom = allowlistFor(host, builtinPolicy().bannedApps[0]!);
    const prefs = `${HOME}/Library/Preferences/io.meetfast.desktop.plist`;
    const daemon = '/Library/LaunchDaemons/io.meetfast.helperd.plist';
    expect([allowedAction(host, mine, prefs), allowedAction(host, mine, daemon), allowedAction(host, mine, `${HOME}/.meetfast-helper`)]).toEqual(['remove', 'remove', 'remove']);
    expect([allowedAction(host, zoom, prefs), allowedAction(host, zoom, daemon), allowedAction(host, zoom, `${HOME}/.meetfast-helper`)]).toEqual([null, null, null]);
    expect(allowedAction(host, mine, '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist')).toBeNull();
    expect(allowedAction(host, mine, `${HOME}/.zoomus`)).toBeNull();
  });
});
