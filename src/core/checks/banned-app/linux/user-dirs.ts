import type { Host } from '../../../host/host';

/**
 * The Downloads and Desktop folders that xdg-user-dirs names in ~/.config/user-dirs.dirs; on a
 * Vietnamese desktop they are e.g. "$HOME/Tải về" and "$HOME/Màn hình nền". Empty when unreadable.
 * `home`: whose file (the current user's by default).
 */
export async function xdgInstallerFolders(host: Host, home: string = host.homedir): Promise<string[]> {
  // Another user's XDG_CONFIG_HOME is not known: their file is in the default place.
  const own = home === host.homedir ? host.env.XDG_CONFIG_HOME : undefined;
  const config = own || host.path.join(home, '.config');
  let text: string;
  try {
    text = await host.readText(host.path.join(config, 'user-dirs.dirs'), { maxBytes: 64 * 1024 });
  } catch {
    return [];
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
  return out;
}
