/**
 * Real hostile files, as a local user can lay them out at a name the assistant reads: a FIFO, a
 * UNIX socket, links to /dev/zero, /dev/random and to a FIFO, a 10 GiB sparse file. POSIX only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The kinds of hostile file `makeSpecial` lays out. */
export type SpecialKind = 'fifo' | 'socket' | 'zero-link' | 'random-link' | 'fifo-link' | 'sparse-10g';

/** Every kind, for tests that try each at one name. */
export const SPECIAL_KINDS: readonly SpecialKind[] = ['fifo', 'socket', 'zero-link', 'random-link', 'fifo-link', 'sparse-10g'];

/** The size of the sparse file: far more than any read limit, and than this machine's memory. */
export const SPARSE_BYTES = 10 * 1024 ** 3;

/** Lays out one hostile file at `path` (its folder is made). */
export function makeSpecial(path: string, kind: SpecialKind): void {
  mkdirSync(dirname(path), { recursive: true });
  switch (kind) {
    case 'fifo':
      execFileSync('mkfifo', [path]);
      return;
    case 'socket': {
      // A listening socket whose process exits at once leaves its name behind, as a crashed server does.
      const r = spawnSync(process.execPath, ['-e', "require('net').createServer().listen(process.argv[1], () => process.exit(0))", path], { timeout: 10_000 });
      if (r.status !== 0) throw new Error(`could not make a socket at ${path}: ${r.stderr}`);
      return;
    }
    case 'zero-link':
      symlinkSync('/dev/zero', path);
      return;
    case 'random-link':
      symlinkSync('/dev/random', path);
      return;
    case 'fifo-link':
      execFileSync('mkfifo', [`${path}.fifo`]);
      symlinkSync(`${path}.fifo`, path);
      return;
    case 'sparse-10g':
      writeFileSync(path, '');
      truncateSync(path, SPARSE_BYTES);
      return;
  }
}

/** The HostError a read of each kind gives, when links are followed and when they are refused. */
export function expectedRefusal(kind: SpecialKind, links: 'follow' | 'refuse'): { code: string; special?: string } {
  if (links === 'refuse' && kind.endsWith('-link')) return { code: 'is-a-link' };
  switch (kind) {
    case 'fifo':
    case 'fifo-link':
      return { code: 'not-a-file', special: 'fifo' };
    case 'socket':
      return { code: 'not-a-file', special: 'socket' };
    case 'zero-link':
    case 'random-link':
      return { code: 'not-a-file', special: 'character-device' };
    case 'sparse-10g':
      return { code: 'too-large' };
  }
}
