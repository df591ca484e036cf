import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why this machine cannot put user extended attributes on a temporary file (Linux, `setfattr`), or null when it can. */
export function userXattrsRefusal(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (spawnSync('setfattr', ['--version']).error) return 'setfattr (package attr) is not installed';
  const d = mkdtempSync(join(tmpdir(), 'xattr-probe-'));
  try {
    writeFileSync(join(d, 'f'), 'x');
    const r = spawnSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', 'https://x.example/', join(d, 'f')]);
    return r.status === 0 ? null : `the temp file system refuses user xattrs: ${String(r.stderr)}`;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}
