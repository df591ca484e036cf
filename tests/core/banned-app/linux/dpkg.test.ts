import { describe, expect, it } from 'vitest';
import { dpkgProbe, DPKG_ARGV } from '../../../../src/core/checks/banned-app/linux/dpkg';
import { DPKG_STATES } from '../../../../src/core/checks/banned-app/linux/dpkg-parse';
import { FixtureHost, type FixtureCommand } from '../../../../src/core/host/fixture-host';
import { fixture, hitsOf, runProbe, zoom } from './harness';

function host(cmd: Partial<FixtureCommand>, files: Record<string, string> = { '/var/lib/dpkg/status': 'Package: adduser\n' }): FixtureHost {
  return new FixtureHost({ platform: 'linux', homedir: '/home/u', files, commands: [{ argv: DPKG_ARGV, ...cmd }] });
}

describe('dpkg probe (recorded dpkg-query output)', () => {
  it('finds the installed zoom package with its version and arch, and nothing for zoomer, libzoom, xzoom', async () => {
    const hits = hitsOf(await runProbe(dpkgProbe, host({ stdout: fixture('linux', 'dpkg-query-zoom-installed.txt') })));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      kind: 'installed',
      install: 'dpkg:zoom',
      remediation: 'uninstall.package',
      evidence: { kind: 'package', version: '6.1.11.1545', data: { manager: 'dpkg', name: 'zoom', version: '6.1.11.1545', arch: 'amd64', state: 'installed' } },
    });
  });

  it('reports a removed-but-not-purged package (config-files) as a leftover, not an install', async () => {
    const hits = hitsOf(await runProbe(dpkgProbe, host({ stdout: fixture('linux', 'dpkg-query-zoom-config-files.txt') })));
    expect(hits.map((h) => [h.kind, h.install, h.evidence.data?.state])).toEqual([['leftover', 'dpkg:zoom', 'config-files']]);
  });

  it('treats an unpacked (half-done) install as installed: its files are on disk', async () => {
    const r = await runProbe(dpkgProbe, host({ stdout: 'adduser\t3.137\tall\tinstall ok installed\nzoom\t6.1.0\tamd64\tinstall reinstreq unpacked\n' }));
    expect(hitsOf(r).map((h) => h.kind)).toEqual(['installed']);
  });

  // Each state as dpkg-query prints it (the want and error words as a real database gave them, see real-machine.test.ts).
  it.each([
    ['not-installed', 'purge ok not-installed', 'none'],
    ['config-files', 'deinstall ok config-files', 'leftover'],
    ['half-installed', 'install reinstreq half-installed', 'installed'],
    ['unpacked', 'install ok unpacked', 'installed'],
    ['half-configured', 'install ok half-configured', 'installed'],
    ['triggers-awaited', 'install ok triggers-awaited', 'installed'],
    ['triggers-pending', 'install ok triggers-pending', 'installed'],
    ['installed', 'install ok installed', 'installed'],
  ])('reads the state %s (%s) as %s', async (state, status, kind) => {
    const r = await runProbe(dpkgProbe, host({ stdout: `adduser\t3.137\tall\tinstall ok installed\nzoom\t6.1.0\tamd64\t${status}\n` }));
    expect(r.status).not.toBe('unknown');
    const hits = hitsOf(r);
    expect(hits.map((h) => h.kind)).toEqual(kind === 'none' ? [] : [kind]);
    if (kind !== 'none') expect(hits[0]!.evidence.data?.state).toBe(state);
  });

  it('knows exactly the eight states dpkg prints, and a misspelt one is garbled, never read as gone', async () => {
    expect([...DPKG_STATES].sort()).toEqual(['config-files', 'half-configured', 'half-installed', 'installed', 'not-installed', 'triggers-awaited', 'triggers-pending', 'unpacked']);
    const r = await runProbe(dpkgProbe, host({ stdout: 'adduser\t3.137\tall\tinstall ok installed\nzoom\t6.1.0\tamd64\tinstall ok triggers-awaiting\n' }));
    expect(r).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
  });

  it('ignores a package dpkg remembers as not-installed', async () => {
    const r = await runProbe(dpkgProbe, host({ stdout: 'adduser\t3.137\tall\tinstall ok installed\nzoom\t\tamd64\tpurge ok not-installed\n' }));
    expect(hitsOf(r)).toEqual([]);
  });

  it('runs clean on a machine without zoom', async () => {
    expect(hitsOf(await runProbe(dpkgProbe, host({ stdout: fixture('linux', 'dpkg-query-clean.txt') })))).toEqual([]);
  });

  it('reads the policy: another banned package name is found the same way', async () => {
    const app = { ...zoom(), linux: { ...zoom().linux, dpkg: ['zoomer'] } };
    const hits = hitsOf(await runProbe(dpkgProbe, host({ stdout: fixture('linux', 'dpkg-query-zoom-installed.txt') }), app));
    expect(hits.map((h) => h.install)).toEqual(['dpkg:zoomer']);
  });

  it.each([
    ['garbled (dpkg -l table instead of our format)', 'dpkg-query-garbled.txt', 'common:reason.garbled'],
    ['truncated in the middle of a line', 'dpkg-query-truncated.txt', 'bannedApp:linux.reason.truncated'],
    ['non-ASCII package name', 'dpkg-query-non-ascii.txt', 'common:reason.garbled'],
  ])('is unknown on %s output', async (_what, file, key) => {
    const r = await runProbe(dpkgProbe, host({ stdout: fixture('linux', file) }));
    expect(r).toMatchObject({ status: 'unknown', reason: { key } });
  });

  it('is unknown on empty output (a dpkg system always has packages)', async () => {
    expect(await runProbe(dpkgProbe, host({ stdout: '' }))).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:linux.reason.emptyDatabase' } });
  });

  it('still reports zoom when the output is truncated after it', async () => {
    const text = fixture('linux', 'dpkg-query-zoom-installed.txt');
    const cut = text.slice(0, text.indexOf('zoomer') + 4);
    expect(hitsOf(await runProbe(dpkgProbe, host({ stdout: cut }))).map((h) => h.install)).toEqual(['dpkg:zoom']);
  });

  it('is unknown when dpkg-query hangs (timeout)', async () => {
    expect(await runProbe(dpkgProbe, host({ error: 'timeout' }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout', params: { tool: 'dpkg-query' } } });
  });

  it('is unknown when dpkg-query fails', async () => {
    const r = await runProbe(dpkgProbe, host({ exitCode: 2, stderr: 'dpkg-query: error: parsing file /var/lib/dpkg/status near line 12' }));
    expect(r).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.exitCode', params: { code: 2 } } });
  });

  it('is unknown when dpkg-query is missing but the dpkg database exists', async () => {
    const h = new FixtureHost({ platform: 'linux', homedir: '/home/u', files: { '/var/lib/dpkg/status': 'Package: zoom\n' } });
    expect(await runProbe(dpkgProbe, h)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing' } });
  });

  it('does not apply when neither dpkg-query nor its database exists (e.g. Fedora)', async () => {
    const h = new FixtureHost({ platform: 'linux', homedir: '/home/u' });
    expect((await runProbe(dpkgProbe, h)).status).toBe('not-applicable');
  });
});
