// Online apps on a Mac, read from real files: Zalo.app (XML Info.plist) and Microsoft Teams.app (binary Info.plist,
// bplist00, converted as plutil would: here python3's plistlib does plutil's job, on the real bytes) in a temporary
// home's ~/Applications, and the other apps the Công văn names, each found by its bundle id (docs/online-apps.md).
// A bundle named as an app whose id is another's is not the app.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBundlesProbe } from '../../../src/core/checks/banned-app/macos/app-bundles';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'macos');
const hasPython = spawnSync('python3', ['-c', 'import plistlib'], { encoding: 'utf8' }).status === 0;

/** plutil -convert xml1 -o - PATH, done by plistlib (this Linux machine has no plutil): the real bytes, converted. */
const PLUTIL_BY_PYTHON = 'import plistlib,sys; sys.stdout.buffer.write(plistlib.dumps(plistlib.load(open(sys.argv[1], "rb")), fmt=plistlib.FMT_XML))';

/** A real host on this machine's files that says it is a Mac: the probes read a temporary home as a Mac's. */
class MacSandbox extends SandboxHost {
  override readonly platform = 'darwin' as const;
}

/** A minimal real-shaped Info.plist (as Xcode/electron-builder write them) for an app. */
function infoPlist(id: string, name: string, version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>${name}</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>${id}</string>\n\t<key>CFBundleName</key>\n\t<string>${name}</string>\n\t<key>CFBundlePackageType</key>\n\t<string>APPL</string>\n\t<key>CFBundleShortVersionString</key>\n\t<string>${version}</string>\n</dict>\n</plist>\n`;
}

let root: string;
let home: string;
let host: MacSandbox;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'attt-mac-online-'));
  home = join(root, 'Users', 'nguyễn');
  const bundle = (name: string): string => {
    const contents = join(home, 'Applications', name, 'Contents');
    mkdirSync(join(contents, 'MacOS'), { recursive: true });
    return join(contents, 'Info.plist');
  };
  copyFileSync(join(FIXTURES, 'Zalo-Info.plist'), bundle('Zalo.app'));
  copyFileSync(join(FIXTURES, 'Microsoft Teams-Info.bplist'), bundle('Microsoft Teams.app'));
  writeFileSync(bundle('Messenger.app'), infoPlist('com.facebook.archon.developerID', 'Messenger', '230.0.0.3.211'));
  writeFileSync(bundle('Workplace Chat.app'), infoPlist('workplace-desktop', 'Workplace Chat', '202.0.0.1.225'));
  writeFileSync(bundle('TrueConf Client.app'), infoPlist('org.trueconf.client', 'TrueConf Client', '8.5.4'));
  writeFileSync(bundle('GoToMeeting.app'), infoPlist('com.logmein.GoToMeeting', 'GoToMeeting', '10.19.0'));
  writeFileSync(bundle('join.me.app'), infoPlist('com.logmein.join.me', 'join.me', '3.23.0.15766'));
  // Renamed by the person: still Zalo by its id. And a wrapper named as Skype whose id is another's: not Skype.
  copyFileSync(join(FIXTURES, 'Zalo-Info.plist'), bundle('Nhắn tin.app'));
  writeFileSync(bundle('Skype.app'), infoPlist('com.example.unofficial-skype', 'Skype', '1.0.0'));
  host = new MacSandbox({
    homedir: home,
    env: { PATH: process.env.PATH },
    rewrite: (argv) => (argv[0] === 'plutil' && argv[1] === '-convert' ? ['python3', '-c', PLUTIL_BY_PYTHON, argv[argv.length - 1]!] : argv),
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The findings about the temporary home's bundles (on a real Mac, /Applications holds that Mac's own apps). */
async function found(): Promise<Finding[]> {
  const all = await onlineAppCheck({ linux: [], darwin: [appBundlesProbe], win32: [] }).run({ host, policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
  return all.filter((f) => f.evidence.some((e) => e.path?.startsWith(home)));
}

describe.skipIf(!hasPython)('online-app bundles on a Mac, from real Info.plist bytes in a temporary home', () => {
  it('Zalo (XML plist) and Microsoft Teams (binary plist) are notices by bundle id, with their versions', async () => {
    const notices = (await found()).filter((f) => f.status === 'notice');
    const of = (app: string): (string | undefined)[] => notices.filter((f) => f.app === app).map((f) => f.evidence[0]?.path?.split('/').pop()).sort();
    expect(of('zalo')).toEqual(['Nhắn tin.app', 'Zalo.app']);
    expect(of('microsoft-teams')).toEqual(['Microsoft Teams.app']);
    const teams = notices.find((f) => f.app === 'microsoft-teams')!;
    expect(teams.evidence[0]).toMatchObject({ kind: 'app-bundle', version: '25290.205.4069.4894', data: { bundleId: 'com.microsoft.teams2', identity: 'bundle', scope: 'user' } });
    expect(notices.find((f) => f.app === 'zalo' && f.evidence[0]!.path!.endsWith('/Zalo.app'))!.evidence[0]).toMatchObject({ version: '25.10.2', data: { bundleId: 'com.vng.zalo' } });
  });

  it('Messenger, Workplace Chat, TrueConf Client, GoToMeeting and join.me by their bundle ids; a «Skype.app» of another id is not Skype', async () => {
    const notices = (await found()).filter((f) => f.status === 'notice');
    expect([...new Set(notices.map((f) => f.app))].sort()).toEqual(['goto-meeting', 'join-me', 'messenger', 'microsoft-teams', 'trueconf', 'workplace', 'zalo']);
    expect(notices.find((f) => f.app === 'trueconf')!.evidence[0]).toMatchObject({ version: '8.5.4', data: { bundleId: 'org.trueconf.client' } });
  });
});
