/** The name of the account that owns something, for a sentence a person reads («thuộc về tài khoản an»), never its number. */
import { passwdFile } from '../checks/banned-app/other-homes';
import { parsePasswd } from '../checks/banned-app/linux/passwd-parse';
import type { Host } from '../host/host';

/**
 * The account name of `uid`, or null when it cannot be told. Linux: the user database (/etc/passwd, or
 * ATTT_SELFCHECK_PASSWD_FILE). macOS: `id -un UID`; BSD id(1) takes "a user (login name or user ID)" and prints the
 * number itself when the id maps to no name (https://grok.dragonflybsd.org/raw/original-bsd/usr.bin/id/id.1, read 2026-12-02).
 */
export async function accountName(host: Host, uid: number): Promise<string | null> {
  if (host.platform === 'linux') {
    const text = await host.readText(passwdFile(host), { maxBytes: 8 * 1024 * 1024, links: 'follow' }).catch(() => null);
    return (text !== null && parsePasswd(text).entries.find((e) => e.uid === uid)?.name) || null;
  }
  if (host.platform !== 'darwin') return null;
  const r = await host.run(['id', '-un', String(uid)], { timeoutMs: 5_000 }).catch(() => null);
  const name = r?.exitCode === 0 ? r.stdout.trim() : '';
  return name !== '' && !/^\d+$/.test(name) && !/\s/.test(name) ? name.normalize('NFC') : null;
}
