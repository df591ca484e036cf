/**
 * Small JSON state files (settings, notification state, history, last report) in the app's data
 * folder. Writes are atomic (a temp file in the same folder, then rename). A file that cannot be
 * parsed or fails its schema is moved aside as NAME.corrupt-<time>, reported, and replaced by
 * defaults: never a crash, never silently dropped. So is a link, a FIFO, a device or a file over
 * the size limit at the file's name: read through the one bounded read path, it is refused unread
 * and kept under the new name. A file that cannot be read or moved (no
 * permission, a folder in its place) is reported once; the store then keeps its value in memory,
 * so that repeated reads neither hit the disk nor report again, and the next successful write
 * brings the file back.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { isHostError, type HostErrorCode } from '../core/host/host';
import type { Message } from '../shared/finding';
import { readTextBoundedSync } from '../core/host/read-file';

/** A state file that was unreadable and has been moved aside. */
export interface CorruptFile {
  readonly file: string;
  readonly movedTo: string | null;
  readonly reason: string;
  /** Set when the read path refused what was at the name (a link, a FIFO/socket/device, a giant), unread. */
  readonly refused?: true;
  /** The problem's own sentence, when it has one (the findings log): shown instead of the generic one. */
  readonly words?: Message;
}

/** Options of a store: where, what shape, what to start from, whom to tell about corruption. */
export interface JsonStoreOptions<T> {
  readonly dir: string;
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly defaults: () => T;
  readonly onCorrupt: (problem: CorruptFile) => void;
  /** Clock for the .corrupt-<time> suffix; injectable for tests. */
  readonly now?: () => Date;
  /** A larger file is moved aside unread. Default MAX_STATE_BYTES. */
  readonly maxBytes?: number;
}

/** The largest state file read: the history and the last report stay far below it. */
export const MAX_STATE_BYTES = 16 * 1024 * 1024;

/** What the read path refuses that is moved aside like a corrupt file: a link, a FIFO/socket/device, a giant. */
const MOVE_ASIDE: ReadonlySet<HostErrorCode> = new Set(['is-a-link', 'not-a-file', 'too-large']);

/** One JSON file with a schema. Reads never throw; writes throw only when the disk refuses. */
export class JsonStore<T> {
  readonly path: string;
  /** The value while the file cannot be used: the defaults after a failed read, or the last value a failed write meant to save. */
  private memory: { readonly value: T } | null = null;
  private readonly reported = new Set<string>();

  constructor(private readonly options: JsonStoreOptions<T>) {
    this.path = join(options.dir, options.name);
  }

  /** Reads the file; defaults when it does not exist; defaults plus a report when it is corrupt. */
  read(): T {
    if (this.memory) return this.memory.value;
    let text: string;
    try {
      // Our own file: a link, a FIFO or a device at its name is not followed, opened or waited on.
      text = readTextBoundedSync(this.path, { maxBytes: this.options.maxBytes ?? MAX_STATE_BYTES, links: 'refuse' });
    } catch (e) {
      if (isHostError(e) && e.code === 'not-found') return this.options.defaults();
      // Moved aside, kept whole under the new name; the next write puts a plain file back.
      if (isHostError(e) && MOVE_ASIDE.has(e.code)) return this.corrupt(`not a state file: ${e.message}`, true, true);
      return this.corrupt(`unreadable: ${(e as Error).message}`, false);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return this.corrupt(`not JSON: ${(e as Error).message}`, true);
    }
    const parsed = this.options.schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return this.corrupt(`unexpected content: ${issues.join('; ')}`, true);
    }
    return parsed.data;
  }

  /**
   * Writes atomically: a temp file in the same folder, flushed, then renamed over the old one.
   * When the disk refuses, the value is still kept in memory for this session, and the error is thrown.
   */
  write(value: T): void {
    const tmp = `${this.path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      mkdirSync(this.options.dir, { recursive: true });
      // 'wx': never opened through something already at the temp name (a FIFO there would block the open).
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
      this.memory = null; // the file holds the truth again
    } catch (e) {
      rmSync(tmp, { force: true });
      this.memory = { value };
      throw e;
    }
  }

  private corrupt(reason: string, moveAside: boolean, refused = false): T {
    let movedTo: string | null = null;
    if (moveAside) {
      const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      movedTo = `${this.path}.corrupt-${stamp}`;
      try {
        renameSync(this.path, movedTo);
      } catch {
        movedTo = null; // could not move it: report anyway, and keep it where it is
      }
    }
    const value = this.options.defaults();
    // Left in place: do not read it (and report it) again on every read.
    if (movedTo === null) this.memory = { value };
    if (!this.reported.has(reason)) {
      this.reported.add(reason);
      this.options.onCorrupt({ file: this.path, movedTo, reason, ...(refused ? { refused: true as const } : {}) });
    }
    return value;
  }
}
