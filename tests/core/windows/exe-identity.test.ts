// Windows: a program named Zoom.exe is Zoom by its version resource (CompanyName), read from the file.
// The look-alikes' publishers are those of the real winget manifests (Sysinternals ZoomIt, Freedom
// Scientific ZoomText, ...), kept in tests/fixtures/windows/winget-look-alikes.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyWindowsExe } from '../../../src/core/checks/banned-app/windows/exe-identity';
import { currentProfileExecutableProbe, programFilesExecutableProbe } from '../../../src/core/checks/banned-app/windows/executable-probes';
import { exePathsArgv, processProbe, TASKLIST_ARGV } from '../../../src/core/checks/banned-app/windows/process-probe';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { peWithVersion, versionBlock } from '../../helpers/pe-builder';
import { windowsCommands, windowsContext, windowsFiles, zoom } from '../banned-app/windows/windows-host';

interface LookAlike {
  readonly package: string;
  readonly packageName: string | null;
  readonly publisher: string | null;
}
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'windows', 'winget-look-alikes.json');
const winget = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { zoomPublishers: string[]; lookAlikes: LookAlike[] };
const lookAlikes = winget.lookAlikes.filter((e): e is LookAlike & { publisher: string } => !!e.publisher);
const program = (company: string, product = 'Zoom'): Uint8Array => peWithVersion(versionBlock({ CompanyName: company, ProductName: product }));

describe('the winget data the tests rest on', () => {
  const shared = '/work/shared/data/winget/zoom-uninstall-entries.json';
  it.skipIf(!existsSync(shared))(`is a faithful copy of the shared winget file${existsSync(shared) ? '' : ' — SKIPPED: the shared data folder is not on this machine'}`, () => {
    const all = (JSON.parse(readFileSync(shared, 'utf8')) as { entries: (LookAlike & { zoomProduct: boolean })[] }).entries;
    expect(winget.lookAlikes.map((e) => [e.package, e.publisher])).toEqual(all.filter((e) => !e.zoomProduct).map((e) => [e.package, e.publisher]));
    expect(winget.zoomPublishers).toEqual([...new Set(all.filter((e) => e.zoomProduct && e.publisher).map((e) => e.publisher))].sort());
  });

  it('names ZoomIt and ZoomText among the look-alikes', () => {
    expect(lookAlikes.map((e) => e.package)).toEqual(expect.arrayContaining(['Microsoft.Sysinternals.ZoomIt', 'FreedomScientific.ZoomText']));
  });
});

describe('identity by the version resource', () => {
  const host = (files: Record<string, Uint8Array | string>): FixtureHost => new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v : { type: 'file', content: v }])) });

  it.each(winget.zoomPublishers)('a program of «%s» (a publisher of Zoom\'s own winget packages) is Zoom', async (company) => {
    expect(await identifyWindowsExe(host({ 'C:\\z\\Zoom.exe': program(company) }), zoom, 'C:\\z\\Zoom.exe')).toMatchObject({ is: 'app', info: { companyName: company } });
  });

  it.each(lookAlikes.map((e) => [e.packageName ?? e.package, e.publisher] as const))('%s (publisher «%s») is not Zoom, even as Zoom.exe', async (_name, company) => {
    expect(await identifyWindowsExe(host({ 'C:\\z\\Zoom.exe': program(company, 'Zoom') }), zoom, 'C:\\z\\Zoom.exe')).toMatchObject({ is: 'other', info: { companyName: company } });
  });

  it('a program without a version resource, a non-PE and an unreadable file are not confirmed, with the reason', async () => {
    const h = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', files: { 'C:\\a.exe': { type: 'file', content: peWithVersion(null) }, 'C:\\b.exe': 'not a program', 'C:\\c.exe': { type: 'error', code: 'permission' } } });
    expect(await identifyWindowsExe(h, zoom, 'C:\\a.exe')).toMatchObject({ is: 'unconfirmed', why: 'no-company', detail: expect.stringContaining('no-version') });
    expect(await identifyWindowsExe(h, zoom, 'C:\\b.exe')).toMatchObject({ is: 'unconfirmed', why: 'no-company', detail: expect.stringContaining('not-pe') });
    expect(await identifyWindowsExe(h, zoom, 'C:\\c.exe')).toMatchObject({ is: 'unconfirmed', why: 'unreadable', detail: expect.stringContaining('permission') });
  });
});

describe('Zoom.exe files found by their path', () => {
  const ZOOMTEXT = lookAlikes.find((e) => e.package === 'FreedomScientific.ZoomText')!.publisher;

  it('Zoom.exe of Zoom is Zoom, with its company in the evidence; one of another company at the same path is not', async () => {
    const files = windowsFiles({ 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': { type: 'file', content: program('Zoom Video Communications, Inc.') } });
    const r = await currentProfileExecutableProbe.run(windowsContext({ files }).ctx, zoom);
    expect(r.status === 'ran' && r.hits.map((h) => [h.evidence.path, h.evidence.data?.identity, h.evidence.data?.companyName])).toEqual([['C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', 'version', 'Zoom Video Communications, Inc.']]);
    const other = windowsFiles({ 'C:\\Program Files\\Zoom\\bin\\Zoom.exe': { type: 'file', content: program(ZOOMTEXT, 'ZoomText') } });
    const p = await programFilesExecutableProbe.run(windowsContext({ files: other }).ctx, zoom);
    expect(p.status === 'ran' && p.hits).toEqual([]);
    expect(p.status === 'ran' && p.looked).toContain(`C:\\Program Files\\Zoom\\bin\\Zoom.exe is ZoomText of ${ZOOMTEXT}`);
  });

  it('a Zoom.exe whose version cannot be read stays, marked unconfirmed (found by Zoom\'s own path)', async () => {
    const r = await currentProfileExecutableProbe.run(windowsContext().ctx, zoom);
    expect(r.status === 'ran' && r.hits.map((h) => h.evidence.data?.identity)).toEqual(['unconfirmed']);
  });
});

describe('running Zoom.exe', () => {
  const ZOOMIT = lookAlikes.find((e) => e.package === 'Microsoft.Sysinternals.ZoomIt')!.publisher;
  const tasklist = '"System","4","Services","0","1,234 K"\r\n"Zoom.exe","100","Console","1","90,000 K"\r\n"Zoom.exe","200","Console","1","9,000 K"\r\n"Zoom.exe","300","Console","2","80,000 K"\r\n"Zoom.exe","400","Console","1","1,000 K"\r\n';
  const paths = '100\tC:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe\r\n200\tC:\\Tools\\ZoomIt\\Zoom.exe\r\n400\tC:\\Temp\\Zoom.exe\r\nend\r\n';
  const files = windowsFiles({
    'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': { type: 'file', content: program('Zoom Video Communications, Inc.') },
    'C:\\Tools\\ZoomIt\\Zoom.exe': { type: 'file', content: program(ZOOMIT, 'Sysinternals ZoomIt') },
    'C:\\Temp\\Zoom.exe': { type: 'file', content: peWithVersion(null) },
  });
  const commands = windowsCommands([
    { argv: TASKLIST_ARGV, stdout: tasklist },
    { argv: exePathsArgv([100, 200, 300, 400]), stdout: paths },
  ]);

  it('is Zoom by its program\'s company; ZoomIt\'s program is not; another session\'s (no path) and one without a publisher stay unconfirmed', async () => {
    const r = await processProbe.run(windowsContext({ files, commands }).ctx, zoom);
    expect(r.status === 'ran' && r.hits.map((h) => [h.evidence.data?.pid, h.evidence.data?.identity, h.evidence.label?.key])).toEqual([
      ['100', 'version', 'bannedApp:evidence.processOfPublisher'],
      ['300', 'unconfirmed', 'bannedApp:evidence.processUnreadable'],
      ['400', 'unconfirmed', 'bannedApp:evidence.processNoPublisher'],
    ]);
    expect(r.status === 'ran' && r.looked).toContain(`Zoom.exe (PID 200) is C:\\Tools\\ZoomIt\\Zoom.exe of ${ZOOMIT}`);
  });

  it('under a stub PowerShell (wine) every Zoom.exe stays, unconfirmed', async () => {
    const stub = windowsCommands([{ argv: TASKLIST_ARGV, stdout: tasklist }, { argv: exePathsArgv([100, 200, 300, 400]), stdout: '' }]);
    const r = await processProbe.run(windowsContext({ files, commands: stub }).ctx, zoom);
    expect(r.status === 'ran' && r.hits.map((h) => h.evidence.data?.identity)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed', 'unconfirmed']);
  });
});
