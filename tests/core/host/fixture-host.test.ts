import { describe, expect, it } from 'vitest';
import { FixtureHost } from '../../../src/core/host/fixture-host';

describe('FixtureHost', () => {
  const host = new FixtureHost({
    platform: 'win32',
    homedir: 'C:\\Users\\Nguyễn',
    files: {
      'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': 'MZ',
      'C:\\Users\\Public\\link': { type: 'symlink', target: 'C:\\Users\\Nguyễn\\AppData' },
      'C:\\Locked': { type: 'error', code: 'permission' },
    },
    commands: [
      { argv: ['reg', 'query', 'HKCU'], stdout: 'HKEY_CURRENT_USER\r\n' },
      { argv: ['tasklist'], prefix: true, error: 'timeout' },
    ],
  });

  it('answers recorded commands and treats others as not installed', async () => {
    expect((await host.run(['reg', 'query', 'HKCU'])).stdout).toContain('HKEY_CURRENT_USER');
    expect((await host.run(['reg', 'query', 'HKLM'])).error?.code).toBe('not-found');
    expect((await host.run(['tasklist', '/FO', 'CSV'])).error?.code).toBe('timeout');
    expect(host.calls).toHaveLength(3);
  });

  it('is case-insensitive on Windows paths and implies parent folders', async () => {
    expect(await host.readText('c:\\users\\nguyễn\\appdata\\roaming\\zoom\\BIN\\zoom.exe', { links: 'refuse' })).toBe('MZ');
    expect((await host.stat('C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom'))?.type).toBe('dir');
    expect((await host.list('C:\\Users\\Nguyễn\\AppData\\Roaming')).map((e) => e.name)).toEqual(['Zoom']);
  });

  it('follows symlinked folders and reports the link itself as a symlink', async () => {
    expect((await host.stat('C:\\Users\\Public\\link'))?.type).toBe('symlink');
    expect(await host.readText('C:\\Users\\Public\\link\\Roaming\\Zoom\\bin\\Zoom.exe', { links: 'refuse' })).toBe('MZ');
  });

  it('throws the recorded error', async () => {
    await expect(host.stat('C:\\Locked')).rejects.toMatchObject({ code: 'permission' });
    await expect(host.readText('C:\\nope', { links: 'refuse' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
