/**
 * Windows: where the current user's Downloads and Desktop really are. Explorer keeps them in `User Shell Folders`
 * (HKCU), and they move: OneDrive's backup puts the Desktop in `%USERPROFILE%\OneDrive\Desktop`, IT may redirect
 * Downloads to another drive. The values are read (never the profile's default guessed alone), %VARS% expanded.
 */
import type { Message } from '../../../shared/finding';
import type { Host } from '../../host/host';
import { findKey, isLossyText, queryKey, regText } from '../../windows/reg-query';
import { expandEnv } from '../banned-app/windows/profiles';

/** The key Explorer reads the user's folders from. */
export const USER_SHELL_FOLDERS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders';

/** The value names of the Desktop and of Downloads (its known-folder id) in that key. */
const VALUE_NAMES = ['Desktop', '{374DE290-123F-4565-9164-39C4925E467B}'] as const;

/** The Desktop and Downloads folders the key names (absolute, expanded), and why it could not be read. */
export async function windowsShellFolders(host: Host): Promise<{ readonly folders: readonly string[]; readonly failure?: Message }> {
  const r = await queryKey(host, USER_SHELL_FOLDERS);
  if (!r.ok) return { folders: [], failure: r.reason };
  const key = findKey(r.keys, USER_SHELL_FOLDERS);
  const folders: string[] = [];
  for (const name of VALUE_NAMES) {
    const raw = regText(key, name);
    if (raw === undefined || isLossyText(raw)) continue; // Not set, or letters lost in the console's code page: the default stands.
    const path = expandEnv(host, raw.trim());
    if (!path.includes('%') && host.path.isAbsolute(path)) folders.push(path);
  }
  return { folders };
}
