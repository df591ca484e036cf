/** A real host whose system paths under given prefixes are real files in a temporary root, and whose commands can be swapped for scripts. */
import { join } from 'node:path';
import type { DirEntry, FileStat, ReadOptions } from '../../src/core/host/host';
import { SandboxHost, type SandboxHostOptions } from '../../src/core/host/sandbox-host';

/** Reads `/var/lib/apt/lists/x` as `ROOT/var/lib/apt/lists/x` when `/var/lib/apt` is one of the prefixes; other paths as they are. */
export class RootedHost extends SandboxHost {
  constructor(
    private readonly root: string,
    private readonly prefixes: readonly string[],
    options: SandboxHostOptions = {},
  ) {
    super(options);
  }

  /** The path on disk that a system path stands for. */
  onDisk(path: string): string {
    return this.prefixes.some((p) => path === p || path.startsWith(`${p}/`)) ? join(this.root, path) : path;
  }

  override readBytes(path: string, options: ReadOptions): Promise<Uint8Array> {
    return super.readBytes(this.onDisk(path), options);
  }

  override readText(path: string, options: ReadOptions): Promise<string> {
    return super.readText(this.onDisk(path), options);
  }

  override list(path: string): Promise<readonly DirEntry[]> {
    return super.list(this.onDisk(path));
  }

  override stat(path: string): Promise<FileStat | null> {
    return super.stat(this.onDisk(path));
  }
}
