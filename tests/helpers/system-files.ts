// Recorded POSIX files as a system lays them out: owned by root, not writable by others, with every
// folder above them recorded the same way (program-control.ts reads owner and mode all the way up).
import { posix } from 'node:path';
import type { FixtureNode } from '../../src/core/host/fixture-host';

/** The files (path -> content) owned by root (mode 755), plus every folder above them (root, 755). */
export function rootOwned(files: Readonly<Record<string, string>>, owner: { readonly uid?: number; readonly gid?: number; readonly mode?: number } = {}): Record<string, FixtureNode> {
  const out: Record<string, FixtureNode> = {};
  const node = { uid: owner.uid ?? 0, gid: owner.gid ?? 0, mode: owner.mode ?? 0o755 };
  for (const [path, content] of Object.entries(files)) {
    out[path] = { type: 'file', content, ...node };
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      out[dir] ??= { type: 'dir', uid: 0, gid: 0, mode: 0o755 };
      if (dir === '/') break;
    }
  }
  return out;
}
