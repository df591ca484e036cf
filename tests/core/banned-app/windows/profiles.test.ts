import { describe, expect, it } from 'vitest';
import { expandEnv, findProfiles } from '../../../../src/core/checks/banned-app/windows/profiles';
import { PROFILE_LIST, regS, SID_NGUYEN, SID_TRAN, windowsCommands, windowsContext } from './windows-host';

describe('user profiles', () => {
  it('joins ProfileList (with SIDs) and the profiles folder, leaving out service, backup and default profiles', async () => {
    const { host } = windowsContext();
    const set = await findProfiles(host);
    expect(set.complete).toBe(true);
    expect(set.profiles.map((p) => [p.path, p.sid, p.current]).sort()).toEqual([
      ['C:\\Users\\Nguyễn', SID_NGUYEN, true],
      ['C:\\Users\\tran', SID_TRAN, false],
    ]);
  });

  it('still lists profile folders when ProfileList cannot be read, and says so', async () => {
    const { host } = windowsContext({ commands: windowsCommands([{ ...regS(PROFILE_LIST, ''), error: 'timeout' }]) });
    const set = await findProfiles(host);
    expect(set.complete).toBe(true);
    expect(set.problems).toEqual([{ key: 'common:reason.timeout', params: { tool: 'reg' } }]);
    expect(set.profiles.map((p) => p.path).sort()).toEqual(['C:\\Users\\Nguyễn', 'C:\\Users\\tran']);
  });

  it('is incomplete when neither source can be read', async () => {
    const { host } = windowsContext({ commands: [], files: { 'C:\\Users': { type: 'error', code: 'permission' } } });
    const set = await findProfiles(host);
    expect(set.complete).toBe(false);
    expect(set.profiles.map((p) => p.path)).toEqual(['C:\\Users\\Nguyễn']);
  });

  it('expands %SystemDrive% and friends case-insensitively, leaving unknown ones', () => {
    const { host } = windowsContext({ env: { SystemDrive: 'D:' } });
    expect(expandEnv(host, '%systemdrive%\\Users\\%NOPE%')).toBe('D:\\Users\\%NOPE%');
  });
});
