import type { Host } from './host';
import { ConfinedMutableHost, RealMutableHost, type MutableHost } from './mutable-host';
import { RealHost } from './real-host';

/**
 * The writer of the data folder (the checks' memo files; the folder itself, for Group Policy's reg export), confined
 * to it; only for the machine we run on
 * (a RealHost or a sandbox of it), never for a recorded machine, whose answers are not this PC's.
 */
export function memoWriterFor(host: Host, dataDir: string): MutableHost | undefined {
  if (!(host instanceof RealHost) || !host.path.isAbsolute(dataDir)) return undefined;
  return new ConfinedMutableHost(new RealMutableHost(host), [dataDir]);
}
