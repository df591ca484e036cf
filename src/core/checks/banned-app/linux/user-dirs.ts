import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';

/** The folders a user-dirs.dirs names, and why none could be read from it (null when it was read or is absent). */
export interface XdgFolders {
  readonly folders: readonly string[];
  readonly failure: Message | null;
}

/**
 * The Downloads and Desktop folders that xdg-user-dirs names in ~/.config/user-dirs.dirs; on a
 * Vietnamese desktop they are e.g. "$HOME/Tải về" and "$HOME/Màn hình nền". `home`: whose file
 * (the current user's by default). A file that is not there names none; one that cannot be read
 * (a FIFO, a device, a link in another user's home, too large) gives the reason.
 */
export async function xdgInstallerFolders(host: Host, home: string = host.homedir): Promise<XdgFolders> {
  // Another user's XDG_CONFIG_HOME is not known: their file is in the default place.
  const own = home === host.homedir;
  const config = (own ? host.env.XDG_CONFIG_HOME : undefined) || host.path.join(home, '.config');
  const file = host.path.join(config, 'user-dirs.dirs');
  let text: string;
  try {
    // One's own file may be a link (dotfile managers, home-manager make it one); in another user's
    // home, read as root, a link could point anywhere: not followed.
    text = await host.readText(file, { maxBytes: 64 * 1024, links: own ? 'follow' : 'refuse' });
  } catch (e) {
    if (isHostError(e) && (e.code === 'not-found' || e.code === 'not-a-directory')) return { folders: [], failure: null };
    return { folders: [], failure: readFailure(e instanceof Error ? e : new Error(errorText(e)), file) };
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*XDG_(DOWNLOAD|DESKTOP)_DIR\s*=\s*"(.*)"\s*$/.exec(line);
    if (!m) continue;
    const value = m[2]!.replace(/\\(.)/g, '$1');
    if (value.startsWith('$HOME/')) out.push(host.path.join(home, value.slice('$HOME/'.length)));
    else if (value.startsWith('/')) out.push(value);
    // "$HOME" alone means "no such folder" (xdg-user-dirs disables it that way).
  }
  return { folders: out, failure: null };
}
