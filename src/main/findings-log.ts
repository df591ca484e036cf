/**
 * After each check the tray appends the report's ECS lines (the same `check --ecs` prints) to
 * `<data folder>/logs/findings.ecs.ndjson` (src/core/export/ecs-log.ts). Appends run one after another, never
 * hold up the check, and a log that cannot be written is said in words: once in the window's problem list, and
 * in the tray's tooltip until a later append succeeds.
 */
import { ecsLines } from '../core/export/ecs';
import { appendEcsLog, ecsLogPath, type EcsLogLimits, type EcsLogProblem, type EcsLogResult } from '../core/export/ecs-log';
import type { Host } from '../core/host/host';
import { ConfinedMutableHost, RealMutableHost, type MutableHost } from '../core/host/mutable-host';
import { RealHost } from '../core/host/real-host';
import type { Translator } from '../core/i18n/translator';
import type { Message } from '../shared/finding';
import type { Report } from '../shared/report';
import type { CorruptFile } from './state-store';

/** What the findings log needs: where it reads and writes, the language of its messages, whom to tell. */
export interface FindingsLogDeps {
  readonly host: Host;
  readonly writer: MutableHost;
  readonly path: string;
  readonly translator: () => Translator;
  /** Told of each failure (the window lists it once) and of every change of the tray's notice. */
  readonly onProblem: (p: CorruptFile) => void;
  readonly onChange: () => void;
  readonly limits?: EcsLogLimits;
}

/** The window's sentence for a log that was not written. */
export function logProblemMessage(path: string, problem: EcsLogProblem): Message {
  return { key: `ui:problem.ecsLog.${problem}`, params: { file: path } };
}

/** The tray app's findings log. */
export class FindingsLog {
  private chain: Promise<unknown> = Promise.resolve();
  private failed: EcsLogProblem | null = null;

  constructor(private readonly deps: FindingsLogDeps) {}

  /** The log file. */
  get path(): string {
    return this.deps.path;
  }

  /** Appends the report's lines after any append still running; never rejects. */
  append(report: Report): Promise<EcsLogResult> {
    const next = this.chain.then(async () => {
      let lines: string[];
      try {
        lines = ecsLines(report, this.deps.translator());
      } catch (e) {
        return { written: false, path: this.deps.path, problem: 'io', detail: e instanceof Error ? e.message : String(e) } as const;
      }
      return appendEcsLog(this.deps.host, this.deps.writer, this.deps.path, lines, this.deps.limits);
    });
    this.chain = next;
    return next.then((r) => {
      this.record(r);
      return r;
    });
  }

  /** The tray's short notice while the log cannot be written (null when the last append was written). */
  notice(): Message | null {
    return this.failed ? { key: `ui:tray.ecsLog.${this.failed}` } : null;
  }

  private record(r: EcsLogResult): void {
    const before = this.failed;
    this.failed = r.written ? null : r.problem;
    // The detail (English, technical) goes to the app's own log through the problem's reason; people read the words.
    if (!r.written) this.deps.onProblem({ file: r.path, movedTo: null, reason: r.detail, words: logProblemMessage(r.path, r.problem) });
    if (before !== this.failed) this.deps.onChange();
  }
}

/** The findings log of a data folder on this machine: written on the real disk, confined to that folder. */
export function findingsLogFor(dataDir: string, deps: Pick<FindingsLogDeps, 'translator' | 'onProblem' | 'onChange'>): FindingsLog {
  const host = new RealHost();
  return new FindingsLog({ host, writer: new ConfinedMutableHost(new RealMutableHost(host), [dataDir]), path: ecsLogPath(host, dataDir), ...deps });
}
