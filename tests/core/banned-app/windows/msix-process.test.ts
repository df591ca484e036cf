import { describe, expect, it } from 'vitest';
import { APPX_ARGV, msixProbe, parseAppxJson } from '../../../../src/core/checks/banned-app/windows/msix-probe';
import { parseTasklist, processProbe, TASKLIST_ARGV } from '../../../../src/core/checks/banned-app/windows/process-probe';
import { fixture, windowsCommands, windowsContext, zoom } from './windows-host';

const ZOOM_MSIX = { Name: 'ZoomVideoCommunicationsInc.ZoomWorkplace', PackageFullName: 'ZoomVideoCommunicationsInc.ZoomWorkplace_6.1.0.0_x64__abcd1234', Version: '6.1.0.0', Publisher: 'CN=Zoom Video Communications, Inc.' };
const CALC = { Name: 'Microsoft.WindowsCalculator', PackageFullName: 'Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe', Version: '11.2405.2.0' };
const withAppx = (stdout: string, extra: object = {}) => windowsContext({ commands: windowsCommands([{ argv: APPX_ARGV, stdout, ...extra }]) }).ctx;

describe('MSIX / Store packages', () => {
  it('parses the envelope, a single object and a bare array', () => {
    expect(parseAppxJson(JSON.stringify({ allUsers: true, packages: [ZOOM_MSIX, CALC] }))?.packages).toHaveLength(2);
    expect(parseAppxJson(JSON.stringify({ allUsers: false, packages: ZOOM_MSIX }))).toMatchObject({ allUsers: false, packages: [{ name: ZOOM_MSIX.Name }] });
    expect(parseAppxJson(JSON.stringify([CALC, ZOOM_MSIX]))?.packages.map((p) => p.name)).toEqual([CALC.Name, ZOOM_MSIX.Name]);
    expect(parseAppxJson(JSON.stringify({ allUsers: true, packages: null }))?.packages).toEqual([]);
    expect(parseAppxJson('{"allUsers":true,"packages":[{"Name":')).toBeNull();
    expect(parseAppxJson('[{"Foo":1}]')).toBeNull();
  });

  it('finds the Zoom package by its prefix, and nothing else', async () => {
    const r = await msixProbe.run(withAppx(JSON.stringify({ allUsers: true, packages: [CALC, ZOOM_MSIX] })), zoom);
    expect(r).toMatchObject({ status: 'ran', looked: 'Get-AppxPackage -AllUsers', hits: [{ kind: 'installed', install: `msix:${ZOOM_MSIX.PackageFullName}`, remediation: 'uninstall.package', evidence: { kind: 'package', version: '6.1.0.0', data: { manager: 'msix', name: ZOOM_MSIX.Name, packageFullName: ZOOM_MSIX.PackageFullName, version: '6.1.0.0' } } }] });
    expect(r.status === 'ran' && r.hits).toHaveLength(1);
  });

  it('is unknown when powershell is missing, silent (as under wine), failing or garbled', async () => {
    expect(await msixProbe.run(windowsContext({ commands: [] }).ctx, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing', params: { tool: 'powershell' } } });
    expect(await msixProbe.run(withAppx(''), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:windows.reason.noAnswer', params: { tool: 'powershell' } } });
    expect(await msixProbe.run(withAppx('', { exitCode: 1, stderr: 'Get-AppxPackage : The term is not recognized' }), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.exitCode' } });
    expect(await msixProbe.run(withAppx('Lỗi không xác định ???'), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
  });
});

describe('running processes', () => {
  it('parses tasklist CSV by position, whatever the language of the memory column', () => {
    const parsed = parseTasklist(fixture('tasklist.csv'));
    expect(parsed.ok && parsed.rows.map((r) => r.name)).toContain('Trình soạn thảo.exe');
    expect(parsed.ok && parsed.rows.find((r) => r.name === 'System')?.pid).toBe(4);
    expect(parseTasklist(fixture('tasklist.csv').replace(/\r\n/g, '\n'))).toEqual(parsed);
  });

  it('matches Zoom.exe exactly: all its processes are one finding, ZoomIt.exe is not Zoom', async () => {
    const r = await processProbe.run(windowsContext().ctx, zoom);
    expect(r).toMatchObject({ status: 'ran', hits: [{ kind: 'running', install: 'process:zoom', evidence: { data: { pid: '8012', name: 'Zoom.exe' } } }, { install: 'process:zoom', evidence: { data: { pid: '8120' } } }] });
    expect(r.status === 'ran' && r.hits).toHaveLength(2);
  });

  it('is unknown for an empty answer (wine), an INFO message in any language, a cut line, a missing tool', async () => {
    const ctx = (stdout: string) => windowsContext({ commands: windowsCommands([{ argv: TASKLIST_ARGV, stdout }]) }).ctx;
    expect(await processProbe.run(ctx(''), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:windows.reason.noAnswer' } });
    expect(await processProbe.run(ctx('INFO: No tasks are running which match the specified criteria.\r\n'), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await processProbe.run(ctx('THÔNG TIN: Không có tác vụ nào đang chạy khớp với tiêu chí đã chỉ định.\r\n'), zoom)).toMatchObject({ status: 'unknown' });
    const cut = fixture('tasklist.csv').slice(0, fixture('tasklist.csv').indexOf('Zoom.exe') + 4);
    expect(await processProbe.run(ctx(cut), zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await processProbe.run(windowsContext({ commands: [] }).ctx, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing', params: { tool: 'tasklist' } } });
  });
});
