// Desktop entries and mimeapps.list, parsed and edited as text: Zoom's real entry, look-alikes, garbled input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execArgv, parseDesktopEntry, programOf } from '../../../../src/core/checks/banned-app/linux/desktop-entry';
import { handlerLines, withoutHandlers } from '../../../../src/core/checks/banned-app/linux/mimeapps';

const FORMS = join(__dirname, '..', '..', '..', 'fixtures', 'linux', 'zoom-forms');
const read = (name: string): string => readFileSync(join(FORMS, name), 'utf8');
const ZOOM_TYPES = ['zoommtg', 'zoomus', 'zoomphonecall'].map((s) => `x-scheme-handler/${s}`);

describe('desktop entries', () => {
  it("reads Zoom's own entry: what it starts and the links it opens", () => {
    const e = parseDesktopEntry(read('Zoom.desktop'))!;
    expect(e.exec).toBe('/usr/bin/zoom %U');
    expect(execArgv(e.exec!)).toEqual(['/usr/bin/zoom']);
    expect(e.mimeTypes).toContain('x-scheme-handler/zoommtg');
    expect(e.mimeTypes).toContain('application/x-zoom');
    expect(e.name).toBe('Zoom Workplace');
    expect(e.hidden).toBe(false);
  });

  it('unquotes Exec as the spec says, and finds the program behind env', () => {
    expect(execArgv('"/home/u/Tải về/zoom/ZoomLauncher" --url=%u')).toEqual(['/home/u/Tải về/zoom/ZoomLauncher', '--url=%u']);
    expect(execArgv('sh -c "echo \\"a b\\" \\$HOME"')).toEqual(['sh', '-c', 'echo "a b" $HOME']);
    expect(execArgv('prog 100%%')).toEqual(['prog', '100%']);
    expect(execArgv('"unterminated')).toBeNull();
    expect(programOf(execArgv('env QT_QPA_PLATFORMTHEME=gtk3 GTK_USE_PORTAL=0 /usr/bin/zoom %U')!)).toEqual(['/usr/bin/zoom']);
    expect(programOf(['env', '-u', 'DISPLAY', '-i', 'A=1', '/opt/zoom/ZoomLauncher'])).toEqual(['/opt/zoom/ZoomLauncher']);
    expect(programOf(['env', 'A=1'])).toEqual([]);
  });

  it('undoes value escapes; only the [Desktop Entry] group counts; the first of a key wins', () => {
    const e = parseDesktopEntry('[Desktop Action new]\nExec=/usr/bin/zoom\n[Desktop Entry]\nExec=/opt/my\\sapp/run\nExec=/usr/bin/zoom\nMimeType=X-Scheme-Handler/ZoomMtg\\;odd;text/plain;\nHidden=True\n')!;
    expect(e.exec).toBe('/opt/my app/run');
    expect(e.mimeTypes).toEqual(['x-scheme-handler/zoommtg;odd', 'text/plain']);
    expect(e.hidden).toBe(true);
  });

  it('a look-alike magnifier entry starts another program and opens no Zoom link', () => {
    const e = parseDesktopEntry(read('kmag.desktop'))!;
    expect(programOf(execArgv(e.exec!)!)[0]).toBe('kmag');
    expect(e.mimeTypes).toEqual([]);
  });

  it('garbled, binary or empty text is not an entry', () => {
    expect(parseDesktopEntry('')).toBeNull();
    expect(parseDesktopEntry('\u0000\u0001ELF\u00ff\u00fe garbage = yes')).toBeNull();
    expect(parseDesktopEntry('Exec=/usr/bin/zoom\nMimeType=x-scheme-handler/zoommtg')).toBeNull(); // no group header
    expect(parseDesktopEntry('[Desktop Entry]\n=\n==\nExec\n')).toEqual({ mimeTypes: [], hidden: false });
  });
});

const MIMEAPPS = [
  '# chosen by me',
  '[Default Applications]',
  'text/html=firefox.desktop',
  'x-scheme-handler/zoommtg=Zoom.desktop',
  'x-scheme-handler/https=firefox.desktop;',
  '',
  '[Added Associations]',
  'x-scheme-handler/zoomus=Zoom.desktop;zoom-webapp.desktop;',
  'application/pdf=org.gnome.Evince.desktop;\r',
  '[Removed Associations]',
  'x-scheme-handler/zoommtg=old.desktop;',
  '',
].join('\n');

describe('mimeapps.list', () => {
  it("finds Zoom's scheme handlers in the groups that choose handlers only", () => {
    expect(handlerLines(MIMEAPPS, ZOOM_TYPES)).toEqual([
      { line: 3, group: '[Default Applications]', type: 'x-scheme-handler/zoommtg', handlers: ['Zoom.desktop'] },
      { line: 7, group: '[Added Associations]', type: 'x-scheme-handler/zoomus', handlers: ['Zoom.desktop', 'zoom-webapp.desktop'] },
    ]);
  });

  it('removes those lines and keeps every other byte: comments, order, blank lines, CR, the [Removed Associations] group', () => {
    const { text, removed } = withoutHandlers(MIMEAPPS, ZOOM_TYPES);
    expect(removed).toHaveLength(2);
    expect(text).toBe(MIMEAPPS.split('\n').filter((_l, i) => i !== 3 && i !== 7).join('\n'));
    expect(text).toContain('application/pdf=org.gnome.Evince.desktop;\r\n');
    expect(withoutHandlers(text, ZOOM_TYPES)).toEqual({ text, removed: [] });
  });

  it('a file without a final newline, or with none of the lines, is given back unchanged', () => {
    const plain = '[Default Applications]\ntext/html=firefox.desktop';
    expect(withoutHandlers(plain, ZOOM_TYPES).text).toBe(plain);
    expect(withoutHandlers('[Default Applications]\nx-scheme-handler/zoommtg=Zoom.desktop', ZOOM_TYPES).text).toBe('[Default Applications]');
  });
});
