import { describe, expect, it } from 'vitest';
import { resolveSystemTool, systemTool } from '../../../src/core/windows/system-tools';

describe('resolveSystemTool', () => {
  const env = { SystemRoot: 'C:\\Windows' };

  it('runs bare system tool names from System32, whatever their case or .exe', () => {
    expect(resolveSystemTool(env, 'reg')).toBe('C:\\Windows\\System32\\reg.exe');
    expect(resolveSystemTool(env, 'TaskList.EXE')).toBe('C:\\Windows\\System32\\tasklist.exe');
    expect(resolveSystemTool(env, 'powershell')).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('leaves paths and other programs alone', () => {
    expect(resolveSystemTool(env, 'C:\\Tools\\reg.exe')).toBe('C:\\Tools\\reg.exe');
    expect(resolveSystemTool(env, '.\\reg.exe')).toBe('.\\reg.exe');
    expect(resolveSystemTool(env, 'node')).toBe('node');
  });

  it('does not trust a SystemRoot that is not a plain local path', () => {
    expect(systemTool({ SystemRoot: '\\\\evil\\share' }, 'reg')).toBe('C:\\Windows\\System32\\reg.exe');
    expect(systemTool({ windir: 'D:\\WINDOWS\\' }, 'reg')).toBe('D:\\WINDOWS\\System32\\reg.exe');
  });
});
