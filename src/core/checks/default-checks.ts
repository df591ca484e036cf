import { bannedAppCheck } from './banned-app/banned-app-check';
import { linuxProbes } from './banned-app/linux/linux-probes';
import { macosProbes } from './banned-app/macos/macos-probes';
import { windowsProbes } from './banned-app/windows/windows-probes';
import { browserPatchCheck } from './browser-patch/browser-patch-check';
import type { Check } from './check';
import { installerOriginCheck } from './installer-origin/installer-origin-check';
import { onlineAppCheck } from './online-app/online-app-check';
import { osPatchCheck } from './os-patch/os-patch-check';

/** Ids of the default checks, in their order: what `check --only` accepts. */
export const CHECK_IDS = ['banned-app', 'os-patch', 'browser-patch', 'online-app', 'installer-origin'] as const;

/** Every check the app and the CLI run, in the order they are shown. */
export function defaultChecks(): readonly Check[] {
  const probes = { linux: linuxProbes, darwin: macosProbes, win32: windowsProbes };
  return [bannedAppCheck(probes), osPatchCheck(), browserPatchCheck(), onlineAppCheck(probes), installerOriginCheck()];
}
