// The words of root's refusal to delete (or edit) in a folder someone else owns: whose it is by account name, the
// app by its name, the folder's path only on the detail line; a name the system cannot give is never a number.
import { describe, expect, it } from 'vitest';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { createTranslator } from '../../../src/core/i18n/translator';
import { namingApp } from '../../../src/core/checks/banned-app/app-message';
import { treeRightsMessage } from '../../../src/core/remediation/safe-path';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nlan:x:1001:1001:Trần Thị Lan,,,:/home/lan:/bin/bash\n';
const linux = new FixtureHost({ platform: 'linux', homedir: '/root', files: { '/etc/passwd': PASSWD } });
// macOS: the real `id -un UID` answers (BSD id(1)); 502 maps to no name, so id prints the number.
const mac = new FixtureHost({
  platform: 'darwin',
  homedir: '/var/root',
  commands: [
    { argv: ['id', '-un', '501'], stdout: 'lan\n' },
    { argv: ['id', '-un', '502'], stdout: '502\n' },
  ],
});
const zoom = { name: 'Zoom' };
const words = (lang: 'vi' | 'en', m: Parameters<typeof namingApp>[0]) => createTranslator(lang).message(namingApp(m, zoom)).split('\n');

describe('root refuses in words a person reads: whose folder, which app, the path as detail', () => {
  it.each([
    ['Linux, /etc/passwd', linux, 1001, '/home/lan/.local/share/applications'],
    ['macOS, id -un', mac, 501, '/Users/lan/Library/Application Support'],
  ] as const)('%s: the owner by account name, in Vietnamese and English, deleting and editing', async (_, host, uid, path) => {
    const rights = { state: 'foreign', path, why: 'owner', uid } as const;
    expect(await treeRightsMessage(host, rights)).toEqual({ key: 'fix:refused.foreignOwner', params: { path, user: 'lan' } });
    expect(await treeRightsMessage(host, rights, 'edit')).toEqual({ key: 'fix:refused.foreignOwnerEdit', params: { path, user: 'lan' } });
    for (const act of ['delete', 'edit'] as const) {
      const m = await treeRightsMessage(host, rights, act);
      const [vi, ...viRest] = words('vi', m);
      expect(vi).toMatch(/^Trợ lý không (xóa|sửa) .*Zoom.* thuộc về tài khoản «lan»/);
      expect(vi).not.toContain(path);
      expect(vi).not.toContain(String(uid));
      expect(viRest).toEqual([`Chi tiết: ${path}`]);
      const [en, ...enRest] = words('en', m);
      expect(en).toContain('belongs to the account “lan”');
      expect(en).toContain('Zoom');
      expect(enRest).toEqual([`Details: ${path}`]);
    }
  });

  it('an owner no account name is known for (not in /etc/passwd; id prints the number): «một tài khoản khác», never the number', async () => {
    for (const [host, uid] of [[linux, 4242], [mac, 502]] as const) {
      const m = await treeRightsMessage(host, { state: 'foreign', path: '/opt/zoom', why: 'owner', uid });
      expect(m).toEqual({ key: 'fix:refused.foreignOwnerNoName', params: { path: '/opt/zoom' } });
      const [vi] = words('vi', m);
      expect(vi).toContain('thuộc về một tài khoản khác trên máy tính này');
      expect(vi).not.toContain(String(uid));
    }
  });

  it('writable by others, too many entries, owners unknown: the app named, the path only on the detail line', async () => {
    for (const rights of [
      { state: 'foreign', path: '/opt/zoom/lib', why: 'writable' },
      { state: 'unchecked', path: '/opt/zoom', why: 'too-large', detail: 'more than 100000 entries' },
      { state: 'unchecked', path: '/opt/zoom', why: 'no-owner' },
    ] as const) {
      for (const lang of ['vi', 'en'] as const) {
        const [sentence, ...rest] = words(lang, await treeRightsMessage(linux, rights));
        expect(sentence).toContain('Zoom');
        expect(sentence).not.toContain('/opt');
        expect(rest).toEqual([`${lang === 'vi' ? 'Chi tiết' : 'Details'}: ${rights.path}`]);
      }
    }
  });
});
