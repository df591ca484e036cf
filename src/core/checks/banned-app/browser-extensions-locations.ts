/**
 * Where the current user's browsers keep their profiles, per platform. Chromium-family browsers keep
 * a "User Data" folder holding `Default` and `Profile N`; Firefox lists its profiles in profiles.ini.
 * Paths that could not be confirmed from two sources are marked as such.
 */
import type { Host } from '../../host/host';

/** A browser family: how its extensions are stored. */
export type BrowserFamily = 'chromium' | 'firefox';

/** One browser installation's data folder. */
export interface BrowserLocation {
  /** Stable short key used in install identities, e.g. `chrome`, `edge`, `coccoc`, `chromium-snap`. */
  readonly key: string;
  /** Product name, shown as is (not translated). */
  readonly name: string;
  /** The page that lists extensions, typed in the address bar. */
  readonly page: string;
  /** Chromium: the User Data folder. Firefox: the folder holding profiles.ini. */
  readonly dir: string;
}

interface Spec {
  readonly key: string;
  readonly name: string;
  readonly page: string;
  /** Relative to the platform's base folder, `/`-separated. */
  readonly rel: string;
  /** Base other than the default one (Linux: `home` instead of the config folder). */
  readonly base?: 'home';
}

const CHROME = { name: 'Google Chrome', page: 'chrome://extensions' };
const EDGE = { name: 'Microsoft Edge', page: 'edge://extensions' };
const CHROMIUM = { name: 'Chromium', page: 'chrome://extensions' };
const BRAVE = { name: 'Brave', page: 'brave://extensions' };
// Cốc Cốc is Chromium-based and, like other forks, answers chrome://extensions (its own scheme is not confirmed).
const COCCOC = { name: 'Cốc Cốc', page: 'chrome://extensions' };

/** Windows, relative to %LOCALAPPDATA%. */
const WINDOWS: readonly Spec[] = [
  { key: 'chrome', ...CHROME, rel: 'Google/Chrome/User Data' },
  { key: 'edge', ...EDGE, rel: 'Microsoft/Edge/User Data' },
  { key: 'chromium', ...CHROMIUM, rel: 'Chromium/User Data' },
  { key: 'brave', ...BRAVE, rel: 'BraveSoftware/Brave-Browser/User Data' },
  { key: 'coccoc', ...COCCOC, rel: 'CocCoc/Browser/User Data' },
];

/** macOS, relative to ~/Library/Application Support. */
const MACOS: readonly Spec[] = [
  { key: 'chrome', ...CHROME, rel: 'Google/Chrome' },
  { key: 'edge', ...EDGE, rel: 'Microsoft Edge' },
  { key: 'chromium', ...CHROMIUM, rel: 'Chromium' },
  { key: 'brave', ...BRAVE, rel: 'BraveSoftware/Brave-Browser' },
  // Homebrew's cask removes ~/Library/Application Support/Coccoc; whether the profiles sit directly in it
  // or in a Browser subfolder is not confirmed, so both are looked at (an absent one is simply skipped).
  { key: 'coccoc', ...COCCOC, rel: 'Coccoc' },
  { key: 'coccoc-browser', ...COCCOC, rel: 'Coccoc/Browser' },
];

/** Linux, relative to $XDG_CONFIG_HOME (~/.config), or to home. */
const LINUX: readonly Spec[] = [
  { key: 'chrome', ...CHROME, rel: 'google-chrome' },
  { key: 'edge', ...EDGE, rel: 'microsoft-edge' },
  { key: 'chromium', ...CHROMIUM, rel: 'chromium' },
  { key: 'brave', ...BRAVE, rel: 'BraveSoftware/Brave-Browser' },
  // The coccoc-browser package's user-data-dir as its users pass it to puppeteer/playwright.
  { key: 'coccoc', ...COCCOC, rel: 'coccoc-browser' },
  { key: 'chromium-snap', ...CHROMIUM, rel: 'snap/chromium/common/chromium', base: 'home' },
  { key: 'chrome-flatpak', ...CHROME, rel: '.var/app/com.google.Chrome/config/google-chrome', base: 'home' },
  { key: 'chromium-flatpak', ...CHROMIUM, rel: '.var/app/org.chromium.Chromium/config/chromium', base: 'home' },
  { key: 'edge-flatpak', ...EDGE, rel: '.var/app/com.microsoft.Edge/config/microsoft-edge', base: 'home' },
  { key: 'brave-flatpak', ...BRAVE, rel: '.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser', base: 'home' },
];

const FIREFOX = { name: 'Firefox', page: 'about:addons' };

function join(host: Host, base: string, rel: string): string {
  return host.path.join(base, ...rel.split('/'));
}

/** The current user's variables only describe the current user's home: another home has the default places. */
function ownVariable(host: Host, home: string, name: string): string | undefined {
  return home === host.homedir ? host.env[name] : undefined;
}

/** A home's %LOCALAPPDATA% / %APPDATA% (the defaults when the variables are missing or the home is another's). */
export function windowsBase(host: Host, which: 'LOCALAPPDATA' | 'APPDATA', home: string = host.homedir): string {
  return ownVariable(host, home, which) || host.path.join(home, 'AppData', which === 'APPDATA' ? 'Roaming' : 'Local');
}

/** The XDG config folder: $XDG_CONFIG_HOME when absolute (as the spec says), else ~/.config. */
function xdgConfig(host: Host, home: string): string {
  const v = ownVariable(host, home, 'XDG_CONFIG_HOME');
  return v && host.path.isAbsolute(v) ? v : host.path.join(home, '.config');
}

/** Every place a Chromium-family browser may keep the profiles of a home (the current user's by default) on this platform. */
export function chromiumLocations(host: Host, home: string = host.homedir): readonly BrowserLocation[] {
  const specs = host.platform === 'win32' ? WINDOWS : host.platform === 'darwin' ? MACOS : LINUX;
  const base =
    host.platform === 'win32'
      ? windowsBase(host, 'LOCALAPPDATA', home)
      : host.platform === 'darwin'
        ? host.path.join(home, 'Library', 'Application Support')
        : xdgConfig(host, home);
  return specs.map((s) => ({ key: s.key, name: s.name, page: s.page, dir: join(host, s.base === 'home' ? home : base, s.rel) }));
}

/** Every folder that may hold the current user's Firefox profiles.ini on this platform. */
export function firefoxLocations(host: Host): readonly BrowserLocation[] {
  const at = (key: string, dir: string): BrowserLocation => ({ key, ...FIREFOX, dir });
  if (host.platform === 'win32') return [at('firefox', join(host, windowsBase(host, 'APPDATA'), 'Mozilla/Firefox'))];
  if (host.platform === 'darwin') return [at('firefox', join(host, host.homedir, 'Library/Application Support/Firefox'))];
  return [
    at('firefox', join(host, host.homedir, '.mozilla/firefox')),
    // Newer Firefox releases may create profiles under the XDG config folder (not confirmed for all versions).
    at('firefox-xdg', join(host, xdgConfig(host, host.homedir), 'mozilla/firefox')),
    at('firefox-snap', join(host, host.homedir, 'snap/firefox/common/.mozilla/firefox')),
    at('firefox-flatpak', join(host, host.homedir, '.var/app/org.mozilla.firefox/.mozilla/firefox')),
  ];
}
