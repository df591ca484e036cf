/**
 * An install whose version does not say its channel (Firefox ESR's program and bundle say «153.0», as the release
 * does) says it in a file of its own: `defaults/pref/channel-prefs.js` holds `"app.update.channel", "esr"`. The
 * policy names the files (`windows.channelFiles`, `macos.channelFiles`, `linux.channelFiles` of an unpacked archive) and the text of each variant
 * (`variants[].inChannelFile`); a file that is missing or cannot be read leaves the install as it was found.
 */
import type { Host } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import type { BrowserSighting } from './browser-sighting';
import { windowsFolder } from './windows-executables';

/** The folder an install's channel files are relative to: a program's folder (Windows), a bundle (macOS), an unpacked archive (Linux). */
function installRoot(host: Host, s: BrowserSighting): string | undefined {
  if (host.platform === 'linux') return s.evidence.find((x) => x.kind === 'folder' && x.data?.form === 'tarball')?.path;
  const e = s.evidence.find((x) => x.kind === 'file' || x.kind === 'app-bundle');
  if (!e?.path) {
    const reg = s.evidence.find((x) => x.kind === 'registry')?.data?.installLocation;
    return host.platform === 'win32' ? reg : undefined;
  }
  return e.kind === 'file' ? windowsFolder(e.path) : e.path;
}

/** The sighting moved to the variant its channel file names, or as it was. */
export async function byChannelFile(host: Host, s: BrowserSighting, all: readonly PolicyBrowser[]): Promise<BrowserSighting> {
  const withText = s.browser.variants.filter((v) => v.inChannelFile);
  const files = host.platform === 'win32' ? s.browser.windows.channelFiles : host.platform === 'darwin' ? s.browser.macos.channelFiles : s.browser.linux.channelFiles;
  const root = installRoot(host, s);
  if (withText.length === 0 || files.length === 0 || !root) return s;
  for (const rel of files) {
    let text: string;
    try {
      text = await host.readText(host.path.join(root, rel), { maxBytes: 64 * 1024, links: 'refuse' });
    } catch {
      continue;
    }
    const v = withText.find((x) => text.includes(x.inChannelFile!));
    const target = v && all.find((b) => b.id === v.browser);
    if (target) return { ...s, browser: target };
  }
  return s;
}
