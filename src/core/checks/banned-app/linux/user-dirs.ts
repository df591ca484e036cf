import type { Host } from '../../../host/host';

/**
 * The Downloads and Desktop folders that xdg-user-dirs names in ~/.config/user-dirs.dirs; on a
 * Vietnamese desktop they are e.g. "$HOME/Tải về" and "$HOME/Màn hình nền". Empty when unreadable.
 */
export async function xdgInstallerFolders(host: Host): Promise<string[]> {
  const config = host.env.XDG_CONFIG_HOME || host.path.join(host.homedir, '.config');
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
    if (value.startsWith('$HOME/')) out.push(host.path.join(host.homedir, value.slice('$HOME/'.length)));
    else if (value.startsWith('/')) out.push(value);
    // "$HOME" alone means "no such folder" (xdg-user-dirs disables it that way).
  }
  return out;
}
