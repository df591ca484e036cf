// Firefox unpacked from Mozilla's own archive (firefox-*.tar.xz) as real files in a temporary root: at /opt/firefox
// as Mozilla's support article puts it (moved under the root), in a home under any folder name, in another person's
// home; release and ESR by the channel file; a missing or garbled application.ini; look-alikes, links, odd names.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserPatchCheck } from '../../../src/core/checks/browser-patch/browser-patch-check';
import { tarballSightings } from '../../../src/core/checks/browser-patch/tarball-installs';
import { RealHost } from '../../../src/core/host/real-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Policy } from '../../../src/core/policy/policy-schema';
import type { Finding } from '../../../src/shared/finding';
import { frozenCatalog, inUse } from './catalog';

const INI = readFileSync(join(__dirname, '..', '..', 'fixtures', 'browser-patch', 'linux', 'firefox-155.0.1-application.ini'), 'utf8');
const ELF = '/bin/true';
const NOW = new Date('2026-10-30T08:00:00Z');
const CHANNEL = (c: string): string => `/* This Source Code Form is subject to the terms of the Mozilla Public\n * License, v. 2.0. If a copy of the MPL was not distributed with this\n * file, You can obtain one at http://mozilla.org/MPL/2.0/. */\n\npref("app.update.channel", "${c}");\n`;
const CATALOG = inUse(
  frozenCatalog([
    ...frozenCatalog().browsers,
    { id: 'firefox', name: 'Mozilla Firefox', asOf: '2026-09-29', releases: [{ version: '157.0', date: '2026-09-29', security: true, sources: ['firefox-157-notes'] }], patchedMajors: [{ major: 157, sources: ['firefox-157-notes'] }] },
  ]),
);

let root: string;
let home: string;
let passwd: string;
let policy: Policy;

/** The folder firefox-*.tar.xz unpacks to: the program, application.ini, the channel file, the browser's own parts. */
function unpack(dir: string, version = '155.0.1', channel = 'release'): void {
  mkdirSync(join(dir, 'defaults', 'pref'), { recursive: true });
  mkdirSync(join(dir, 'browser', 'chrome', 'icons', 'default'), { recursive: true });
  copyFileSync(ELF, join(dir, 'firefox'));
  copyFileSync(ELF, join(dir, 'firefox-bin'));
  writeFileSync(join(dir, 'application.ini'), INI.replaceAll('155.0.1', version));
  writeFileSync(join(dir, 'defaults', 'pref', 'channel-prefs.js'), CHANNEL(channel));
  writeFileSync(join(dir, 'browser', 'omni.ja'), 'PK');
}

function host(): RealHost {
  return new RealHost({ homedir: home, env: { HOME: home, ATTT_SELFCHECK_PASSWD_FILE: passwd } });
}

async function seen() {
  return tarballSightings({ host: host(), policy, now: NOW }, policy.browsers.list);
}

/** The whole check, only the tarball places looked at (no package tool of this machine is asked). */
async function check(): Promise<readonly Finding[]> {
  return browserPatchCheck({ catalog: async () => CATALOG, probes: { linux: [], win32: [], darwin: [] } }).run({ host: host(), policy, now: NOW });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'attt-ff-tarball-'));
  home = join(root, 'home', 'nguyễn');
  mkdirSync(home, { recursive: true });
  passwd = join(root, 'passwd');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\n');
  const p = builtinPolicy();
  // The policy's own entries; Firefox's fixed places moved under the root, no vendor folder of this machine looked at.
  const list = p.browsers.list.map((b) => ({
    ...b,
    linux: { ...b.linux, installPaths: [], ...(b.linux.tarball ? { tarball: { ...b.linux.tarball, folders: b.linux.tarball.folders.map((f) => join(root, f)) } } : {}) },
  }));
  policy = { ...p, browsers: { ...p.browsers, list } };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('Firefox from Mozilla\'s archive', () => {
  it('the policy names /opt/firefox (Mozilla\'s article) and the files that make the folder Firefox', () => {
    const ff = builtinPolicy().browsers.list.find((b) => b.id === 'firefox')!;
    expect(ff.linux.tarball).toEqual({ folders: ['/opt/firefox', '/usr/local/firefox'], program: 'firefox', versionFile: 'application.ini', vendor: 'Mozilla', appName: 'Firefox' });
    expect(ff.linux.channelFiles).toEqual(['defaults/pref/channel-prefs.js']);
  });

  it('unpacked in the home under any name is an install, its version from application.ini, the finding naming the folder', async () => {
    unpack(join(home, 'Tải về', 'trình duyệt'));
    const s = await seen();
    expect(s.sightings.map((x) => [x.browser.id, x.install, x.rawVersion])).toEqual([['firefox', `folder:${join(home, 'Tải về', 'trình duyệt')}`, '155.0.1']]);
    expect(s.unlooked).toEqual([]);
    const found = await check();
    expect(found).toEqual([expect.objectContaining({ status: 'violation', title: { key: 'patch:browser.unpatched.title', params: expect.objectContaining({ browser: 'Mozilla Firefox', installed: '155.0.1', major: 155, latest: '157.0' }) } })]);
    expect(found[0]!.evidence[0]).toMatchObject({
      kind: 'folder',
      path: join(home, 'Tải về', 'trình duyệt'),
      version: '155.0.1',
      label: { key: 'patch:browser.evidence.tarball', params: { browser: 'Mozilla Firefox', version: '155.0.1', path: join(home, 'Tải về', 'trình duyệt') } },
      data: { form: 'tarball', versionFile: join(home, 'Tải về', 'trình duyệt', 'application.ini') },
    });
  });

  it('at /opt/firefox, also as a link to /opt/firefox-157.0, a current Firefox is ok', async () => {
    unpack(join(root, 'opt', 'firefox-157.0'), '157.0');
    symlinkSync(join(root, 'opt', 'firefox-157.0'), join(root, 'opt', 'firefox'));
    const found = await check();
    // The newest known (facts of 29/09, 31 days old on 30/10: more than 14), so said as of that day.
    expect(found).toEqual([expect.objectContaining({ status: 'ok', title: { key: 'patch:browser.ok.currentAsOf', params: expect.objectContaining({ browser: 'Mozilla Firefox', installed: '157.0', asOf: '29/09/2026' }) } })]);
    expect(found[0]!.evidence[0]).toMatchObject({ kind: 'folder', path: join(root, 'opt', 'firefox') });
  });

  it('ESR says so in defaults/pref/channel-prefs.js only (application.ini says «140.13.0»): judged as Firefox ESR', async () => {
    unpack(join(home, 'firefox'), '140.13.0', 'esr');
    unpack(join(home, 'opt', 'firefox'), '153.0', 'esr');
    unpack(join(root, 'usr', 'local', 'firefox'), '157.0', 'release');
    const found = await check();
    const got = found.map((f) => [f.title.params?.browser, f.title.params?.installed, f.status, f.title.key]).sort();
    expect(got).toEqual([
      ['Mozilla Firefox ESR', '140.13.0', 'violation', 'patch:browser.unpatched.titleEnded'],
      ['Mozilla Firefox ESR', '153.0', 'ok', 'patch:browser.ok.currentAsOf'],
      ['Mozilla Firefox', '157.0', 'ok', 'patch:browser.ok.currentAsOf'],
    ]);
  });

  it('a garbled application.ini, or one without its Version, is unknown with the reason naming the folder, never ok', async () => {
    unpack(join(home, 'firefox'));
    writeFileSync(join(home, 'firefox', 'application.ini'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x41]));
    unpack(join(home, 'Downloads', 'firefox'));
    writeFileSync(join(home, 'Downloads', 'firefox', 'application.ini'), INI.replace('Version=155.0.1\n', ''));
    const found = await check();
    expect(found.map((f) => [f.status, f.reason?.key, f.reason?.params?.path]).sort()).toEqual([
      ['unknown', 'patch:browser.reason.tarballBadVersionFile', join(home, 'Downloads', 'firefox')],
      ['unknown', 'patch:browser.reason.tarballBadVersionFile', join(home, 'firefox')],
    ]);
    expect(found[0]!.evidence[0]!.label).toEqual({ key: 'patch:browser.evidence.tarballNoVersion', params: expect.objectContaining({ browser: 'Mozilla Firefox' }) });
  });

  it('application.ini missing: at /opt/firefox the program is said, its version unknown; in a home it is no Firefox', async () => {
    unpack(join(root, 'opt', 'firefox'));
    rmSync(join(root, 'opt', 'firefox', 'application.ini'));
    unpack(join(home, 'firefox'));
    rmSync(join(home, 'firefox', 'application.ini'));
    const found = await check();
    expect(found).toEqual([expect.objectContaining({ status: 'unknown', title: { key: 'patch:browser.unknown.version', params: { browser: 'Mozilla Firefox' } }, reason: { key: 'patch:browser.reason.tarballNoVersionFile', params: { browser: 'Mozilla Firefox', path: join(root, 'opt', 'firefox') } } })]);
  });

  it('a folder named firefox without the files is not Firefox: a script, a linked program, Thunderbird\'s archive, no program', async () => {
    mkdirSync(join(home, 'firefox'));
    writeFileSync(join(home, 'firefox', 'firefox'), '#!/bin/sh\nexec /usr/bin/firefox "$@"\n');
    writeFileSync(join(home, 'firefox', 'application.ini'), INI);
    mkdirSync(join(home, 'linked', 'firefox'), { recursive: true });
    symlinkSync(ELF, join(home, 'linked', 'firefox', 'firefox'));
    writeFileSync(join(home, 'linked', 'firefox', 'application.ini'), INI);
    mkdirSync(join(home, 'thunderbird'));
    copyFileSync(ELF, join(home, 'thunderbird', 'firefox'));
    writeFileSync(join(home, 'thunderbird', 'application.ini'), INI.replace('Name=Firefox', 'Name=Thunderbird').replace('RemotingName=firefox', 'RemotingName=thunderbird'));
    mkdirSync(join(root, 'opt', 'firefox'), { recursive: true });
    writeFileSync(join(root, 'opt', 'firefox', 'README'), 'nothing here');
    const s = await seen();
    expect([s.sightings, s.unlooked]).toEqual([[], []]);
    expect(await check()).toEqual([expect.objectContaining({ status: 'ok', title: expect.objectContaining({ key: 'patch:browser.ok.none' }) })]);
  });

  it('a link loop, a link out of the home and folder names with a newline or a bidi override: links not followed, names kept as they are', async () => {
    symlinkSync(home, join(home, 'loop'));
    mkdirSync(join(home, 'a'));
    symlinkSync(join(home, 'a'), join(home, 'a', 'again'));
    unpack(join(root, 'outside', 'firefox'));
    symlinkSync(join(root, 'outside'), join(home, 'elsewhere'));
    const odd = join(home, 'ff\nVersion=999.0', '\u202Eexe.firefox');
    unpack(odd, '157.0');
    const s = await seen();
    expect(s.sightings.map((x) => [x.install, x.rawVersion])).toEqual([[`folder:${odd}`, '157.0']]);
    expect(s.sightings[0]!.evidence[0]!.label?.params?.path).toBe(odd);
  });

  it("in another person's home it is found, named as theirs", async () => {
    const other = join(root, 'home', 'lan');
    unpack(join(other, 'firefox'), '157.0');
    writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\nlan:x:1001:1001:Lan:${other}:/bin/bash\n`);
    const s = await seen();
    expect(s.sightings.map((x) => x.install)).toEqual([`folder:${join(other, 'firefox')}`]);
    expect(s.sightings[0]!.evidence[0]!.data).toMatchObject({ user: 'lan', home: other, form: 'tarball' });
  });
});
