import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';

/** True when the .lnk file at `path` starts one of the app's programs (placeholder until the parser lands). */
export async function isAppShortcut(_host: Host, _app: BannedApp, _path: string): Promise<boolean> {
  return false;
}
