import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debianFromCsv, parseDistroCsv, pickRelease, readDistroInfo, ubuntuFromCsv } from '../../../src/core/catalog/distro-info';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { RealHost } from '../../../src/core/host/real-host';
import { rec } from '../os-patch/fixtures';

describe('distro-info-data CSV reader', () => {
  it('reads the recorded Debian and Ubuntu tables by their headers', () => {
    const debian = debianFromCsv(rec('distro-info/debian.csv'));
    expect(debian.find((r) => r.version === '12')).toMatchObject({ codename: 'bookworm', release: '2023-06-10', eol: '2026-07-11', eolLts: '2028-06-30' });
    expect(debian.some((r) => r.codename === 'sid')).toBe(false);
    const ubuntu = ubuntuFromCsv(rec('distro-info/ubuntu.csv'));
    expect(ubuntu.find((r) => r.version === '18.04')).toMatchObject({ lts: true, eol: '2023-05-31', eolEsm: '2028-04-26' });
    expect(ubuntu.find((r) => r.version === '25.10')).toMatchObject({ lts: false, eol: '2026-07-09' });
  });

  it('gives nothing for empty, garbled or headerless input', () => {
    expect(parseDistroCsv('')).toEqual([]);
    expect(debianFromCsv('\u0000\u0001 rác,không phải CSV\n')).toEqual([]);
    expect(debianFromCsv('12,Bookworm,bookworm,2021-08-14,2023-06-10\n')).toEqual([]);
    expect(ubuntuFromCsv('version,codename,series,created,release,eol\n18.04 LTS,Bionic,bionic,x,y,z\n')).toEqual([]);
  });

  it('readDistroInfo dates the tables by mtime and returns null when absent', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/h', files: { '/usr/share/distro-info/debian.csv': { type: 'file', content: rec('distro-info/debian.csv'), mtimeMs: Date.parse('2025-10-18T14:50:26Z') } } });
    const info = await readDistroInfo(host);
    expect(info?.asOf).toBe('2025-10-18');
    expect(info?.ubuntu).toEqual([]);
    expect(await readDistroInfo(new FixtureHost({ platform: 'linux', homedir: '/h' }))).toBeNull();
  });

  it('pickRelease prefers the newer source', () => {
    expect(pickRelease('cat', '2026-07-18', 'csv', '2026-09-01')).toEqual({ release: 'csv', from: 'distro-info', asOf: '2026-09-01' });
    expect(pickRelease('cat', '2026-07-18', 'csv', '2025-10-18')).toEqual({ release: 'cat', from: 'catalog', asOf: '2026-07-18' });
    expect(pickRelease(undefined, '2026-07-18', 'csv', '2025-10-18')?.from).toBe('distro-info');
    expect(pickRelease(undefined, '2026-07-18', undefined, undefined)).toBeUndefined();
  });

  it.skipIf(!existsSync('/usr/share/distro-info/debian.csv'))('reads this machine’s real distro-info-data', async () => {
    const info = await readDistroInfo(new RealHost({ homedir: '/nonexistent', env: {} }), join('/usr/share', 'distro-info'));
    expect(info?.debian.find((r) => r.codename === 'bookworm')?.version).toBe('12');
  });
});
