import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RealHost } from '../../../src/core/host/real-host';
import { byTitle, runOsPatch } from './fixtures';

// This machine for real: its /etc/os-release, its distro-info-data and a simulated (read-only,
// root-free) `apt-get -s upgrade`. Nothing is written anywhere.
const isDebianWithApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && /^ID=debian$/m.test(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '');

describe.skipIf(!isDebianWithApt)('os-patch on this Debian machine', () => {
  it('identifies the release, judges its support from distro-info or the catalog, and counts pending updates', async () => {
    const host = new RealHost({ homedir: '/nonexistent-home', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    const f = await runOsPatch(host, new Date().toISOString());
    const version = /^VERSION_ID="?(\d+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    const lifecycle = f.find((x) => x.title.key.startsWith('patch:ok') || x.title.key.startsWith('patch:eol'));
    expect(lifecycle, JSON.stringify(f, null, 2)).toBeDefined();
    const os = lifecycle!.evidence.find((e) => e.kind === 'os');
    expect(os?.data).toMatchObject({ id: 'debian', versionId: version });
    expect(lifecycle!.evidence.some((e) => e.kind === 'catalog')).toBe(true);
    // apt-get -s upgrade ran and was understood: pending updates are either counted or there are none.
    expect(byTitle(f, 'patch:unknown.pending')).toBeUndefined();
    if (existsSync('/usr/share/distro-info/debian.csv')) expect(lifecycle!.evidence.some((e) => e.path === '/usr/share/distro-info')).toBe(true);
  }, 90_000);
});
