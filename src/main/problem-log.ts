/** Problems with the app's own state files, each (file, reason) kept and told once, however often it recurs. */
import type { Message } from '../shared/finding';
import type { CorruptFile } from './state-store';

/** The reason of a failed write without the temp file's random name, so the same failure reads the same. */
export function writeFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code) return `write failed: ${err.code}${err.syscall ? ` (${err.syscall})` : ''}`;
  return `write failed: ${err instanceof Error ? err.message : String(e)}`;
}

/** The list the findings page shows; `onNew` hears of each problem the first time only. */
export class ProblemLog {
  private readonly items: CorruptFile[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly onNew: (p: CorruptFile) => void) {}

  /** Records a problem unless the same file already had the same reason. */
  add(p: CorruptFile): void {
    const key = `${p.file}\u0000${p.reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(p);
    this.onNew(p);
  }

  /** The problems as messages for the window: the system's text (`detail`) on a line of its own under the sentence. */
  messages(): readonly Message[] {
    return this.items.map((p) => p.words ?? { key: p.movedTo ? (p.refused ? 'ui:problem.refusedMovedAside' : 'ui:problem.movedAside') : 'ui:problem.notSaved', params: { file: p.file, movedTo: p.movedTo ?? '', detail: p.reason } });
  }
}
