// Zoom's Windows forms on a recorded PC: zoommtg:/zoomus: protocol keys, Run values and Start-menu/desktop
// shortcuts (real .lnk bytes), their look-alikes, garbled input; and the exact steps that remove each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValuesProbe, RUN_KEYS } from '../../../../src/core/checks/banned-app/windows/run-values-probe';
import { shortcutsProbe } from '../../../../src/core/checks/banned-app/windows/shortcuts-probe';
import { windowsUrlHandlersProbe } from '../../../../src/core/checks/banned-app/windows/url-handlers-probe';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { windowsProbes } from '../../../../src/core/checks/banned-app/windows/windows-probes';
import { planFindings } from '../../../../src/core/remediation/plan-findings';
import { regQueryArgv } from '../../../../src/core/windows/reg-query';
import { buildShellLink } from '../../../helpers/shell-link-bytes';
import { regMissing, regS, regValues, windowsCommands, windowsContext, windowsFiles, zoom } from './windows-host';

const LNK = join(__dirname, '..', '..', '..', 'fixtures', 'windows', 'lnk');
const REG = 'C:\\Windows\\System32\\reg.exe';
const HKCU_ZOOMMTG = 'HKEY_CURRENT_USER\\Software\\Classes\\zoommtg';
const zoommtgKey = (command: string): string => `\r\n${HKCU_ZOOMMTG}\r\n    (Default)    REG_SZ    URL:zoommtg Protocol\r\n    URL Protocol    REG_SZ    \r\n\r\n${HKCU_ZOOMMTG}\\shell\r\n\r\n${HKCU_ZOOMMTG}\\shell\\open\r\n\r\n${HKCU_ZOOMMTG}\\shell\\open\\command\r\n    (Default)    REG_SZ    ${command}\r\n\r\n`;
const ZOOM_CMD = '"C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe" "--url=%1"';
const hitsOf = (r: Awaited<ReturnType<typeof runValuesProbe.run>>) => (r.status === 'ran' ? r.hits : (() => { throw new Error(JSON.stringify(r)); })());

describe('protocol handlers', () => {
  it("HKCU\\Software\\Classes\\zoommtg starting the per-user Zoom.exe (which exists): Zoom can still run from a link", async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([regS(HKCU_ZOOMMTG, zoommtgKey(ZOOM_CMD))]) });
    const hits = hitsOf(await windowsUrlHandlersProbe.run(ctx, zoom));
    expect(hits.map((h) => [h.kind, h.install, h.evidence.data])).toEqual([
      ['installed', 'url-handler:HKCU\\Software\\Classes', { form: 'registry', key: 'HKCU\\Software\\Classes\\zoommtg', scheme: 'zoommtg', runs: '1', command: ZOOM_CMD, program: 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe' }],
    ]);
  });

  it('left after removal it is a leftover, removed with reg delete of exactly that key; one of another program is left with why', async () => {
    const files = windowsFiles();
    delete files['C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe'];
    const HKLM_ZOOMUS = 'HKEY_LOCAL_MACHINE\\Software\\Classes\\zoomus';
    const browser = `\r\n${HKLM_ZOOMUS}\r\n    URL Protocol    REG_SZ    \r\n\r\n${HKLM_ZOOMUS}\\shell\\open\\command\r\n    (Default)    REG_SZ    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --app=https://app.zoom.us %1\r\n\r\n`;
    const { ctx, host } = windowsContext({ files, commands: windowsCommands([regS(HKCU_ZOOMMTG, zoommtgKey(ZOOM_CMD)), regS(HKLM_ZOOMUS, browser)]) });
    const findings = (await bannedAppCheck({ win32: [windowsUrlHandlersProbe], linux: [], darwin: [] }).run(ctx)).filter((f) => f.status !== 'ok');
    expect(findings.map((f) => [f.status, f.title.key])).toEqual([
      ['warning', 'bannedApp:form.url-handler'],
      ['warning', 'bannedApp:form.url-handler'],
    ]);
    const plans = await planFindings(host, zoom, findings);
    const hkcu = plans.find((p) => p.evidence[0]!.data!.key!.startsWith('HKCU'))!;
    expect(hkcu.steps).toEqual([{ kind: 'run', title: { key: 'fix:step.urlHandlerKey', params: { scheme: 'zoommtg', app: 'Zoom' } }, argv: [REG, 'delete', 'HKCU\\Software\\Classes\\zoommtg', '/f'], elevation: 'none', okExitCodes: [0], optional: true }]);
    const hklm = plans.find((p) => p.evidence[0]!.data!.key!.startsWith('HKLM'))!;
    expect(hklm).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.handlerStartsOther', params: { scheme: 'zoomus' } } });
  });

  it('reg that fails is a reason, not clean', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([{ argv: regQueryArgv(HKCU_ZOOMMTG, { recursive: true, view: 64 }), error: 'timeout' }]) });
    expect(await windowsUrlHandlersProbe.run(ctx, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
  });
});

describe('Run values', () => {
  it('a Run value that starts Zoom is found by its program; OneDrive and a ZoomIt value named "Zoom" are not', async () => {
    const { ctx, host } = windowsContext({
      commands: windowsCommands([
        regValues(RUN_KEYS[0]!, [
          ['OneDrive', '"C:\\Users\\Nguyễn\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background'],
          ['Zoom', 'C:\\Tools\\ZoomIt\\ZoomIt64.exe'],
          ['ZoomAutoStart', '"%APPDATA%\\Zoom\\bin\\Zoom.exe" --autostart'],
        ]),
      ]),
    });
    const hits = hitsOf(await runValuesProbe.run(ctx, zoom));
    expect(hits.map((h) => [h.kind, h.evidence.data?.valueName, h.evidence.data?.program])).toEqual([['installed', 'ZoomAutoStart', 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe']]);
    const [plan] = await planFindings(host, zoom, await bannedAppCheck({ win32: [runValuesProbe], linux: [], darwin: [] }).run(ctx));
    expect(plan!.steps).toEqual([{ kind: 'run', title: { key: 'fix:step.runValue', params: { name: 'ZoomAutoStart', app: 'Zoom' } }, argv: [REG, 'delete', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'ZoomAutoStart', '/f'], elevation: 'none', okExitCodes: [0], optional: true }]);
  });
});

describe('shortcuts', () => {
  const zoomLnk = new Uint8Array(readFileSync(join(LNK, 'zoom-wine.lnk')));
  const notepad = new Uint8Array(readFileSync(join(LNK, 'notepad-wine.lnk')));
  const startMenu = 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs';

  it("Zoom's shortcuts in the Start menu and on the desktops; another program's, a look-alike Zoom.exe elsewhere and a garbled .lnk are not", async () => {
    const { ctx, host } = windowsContext({
      files: windowsFiles({
        [`${startMenu}\\Zoom\\Zoom Workplace.lnk`]: { type: 'file', content: buildShellLink({ localBasePath: 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', unicodeInfo: true }) },
        'C:\\Users\\Public\\Desktop\\Zoom.lnk': { type: 'file', content: zoomLnk },
        'C:\\Users\\Nguyễn\\Desktop\\Notepad.lnk': { type: 'file', content: notepad },
        'C:\\Users\\Nguyễn\\Desktop\\Zoom tool.lnk': { type: 'file', content: buildShellLink({ localBasePath: 'C:\\Tools\\Zoom.exe' }) },
        'C:\\Users\\Nguyễn\\Desktop\\broken.lnk': { type: 'file', content: zoomLnk.subarray(0, 200) },
      }),
    });
    const hits = hitsOf(await shortcutsProbe.run(ctx, zoom));
    expect(hits.map((h) => [h.kind, h.evidence.path, h.title?.key])).toEqual([
      ['installed', `${startMenu}\\Zoom\\Zoom Workplace.lnk`, 'bannedApp:form.shortcut.runs'],
      ['installed', 'C:\\Users\\Public\\Desktop\\Zoom.lnk', 'bannedApp:form.shortcut.runs'],
    ]);
    const plans = await planFindings(host, zoom, await bannedAppCheck({ win32: [shortcutsProbe], linux: [], darwin: [] }).run(ctx));
    expect(plans.flatMap((p) => p.steps.map((s) => [s.kind, 'path' in s ? s.path : ''])).sort()).toEqual([
      ['remove-checked', `${startMenu}\\Zoom\\Zoom Workplace.lnk`],
      ['remove-checked', 'C:\\Users\\Public\\Desktop\\Zoom.lnk'],
    ]);
  });

  it("another person's Start menu and desktop: their Zoom shortcuts are found, named as theirs, and left to them", async () => {
    const theirMenu = 'C:\\Users\\tran\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs';
    const { ctx, host } = windowsContext({
      files: windowsFiles({
        [`${theirMenu}\\Zoom\\Zoom Workplace.lnk`]: { type: 'file', content: buildShellLink({ localBasePath: 'C:\\Users\\tran\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe' }) },
        // %APPDATA% of their shortcut is their folder (where Zoom.exe is), not ours.
        'C:\\Users\\tran\\Desktop\\Zoom.lnk': { type: 'file', content: buildShellLink({ environmentTarget: '%APPDATA%\\Zoom\\bin\\Zoom.exe' }) },
        'C:\\Users\\tran\\Desktop\\Old Zoom.lnk': { type: 'file', content: buildShellLink({ localBasePath: 'D:\\Zoom\\bin\\Zoom.exe' }) },
        'C:\\Users\\tran\\Desktop\\Notepad.lnk': { type: 'file', content: notepad },
      }),
    });
    const hits = hitsOf(await shortcutsProbe.run(ctx, zoom));
    expect(hits.map((h) => [h.kind, h.evidence.path, h.evidence.data?.user])).toEqual([
      ['installed', `${theirMenu}\\Zoom\\Zoom Workplace.lnk`, 'tran'],
      ['leftover', 'C:\\Users\\tran\\Desktop\\Old Zoom.lnk', 'tran'],
      ['installed', 'C:\\Users\\tran\\Desktop\\Zoom.lnk', 'tran'],
    ]);
    const findings = (await bannedAppCheck({ win32: [shortcutsProbe], linux: [], darwin: [] }).run(ctx)).filter((f) => f.status !== 'ok');
    expect(findings.map((f) => [f.status, f.title])).toEqual([
      ['violation', { key: 'bannedApp:form.shortcut.runsOfUser', params: { app: 'Zoom', user: 'tran' } }],
      ['violation', { key: 'bannedApp:form.shortcut.runsOfUser', params: { app: 'Zoom', user: 'tran' } }],
      ['warning', { key: 'bannedApp:form.shortcut.leftoverOfUser', params: { app: 'Zoom', user: 'tran' } }],
    ]);
    const plans = await planFindings(host, zoom, findings);
    expect(plans.map((p) => [p.kind, p.steps.length, p.why?.key, p.why?.params?.user])).toEqual(findings.map(() => ['manual', 0, 'fix:why.otherUser', 'tran']));
  });

  it('the whole Windows check still runs with these probes on a PC without any of them', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([regMissing(HKCU_ZOOMMTG)]) });
    const findings = await bannedAppCheck({ win32: windowsProbes, linux: [], darwin: [] }).run(ctx);
    expect(findings.filter((f) => f.status === 'unknown')).toEqual([]);
    expect(findings.some((f) => f.evidence.some((e) => e.kind === 'launcher' || e.kind === 'url-handler'))).toBe(false);
  });
});
