import type { Message } from '../../shared/finding';
import type { HostError, RunResult, SpecialFile } from '../host/host';

/** The first 120 characters of some output, on one line, to show in a reason. */
export function sample(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

/**
 * Why a command gave no usable answer, as a reason message; null when it ran and exited 0.
 * Probes that accept other exit codes (e.g. "not found" = 1) check those before calling this.
 */
export function commandFailure(r: RunResult): Message | null {
  const tool = r.argv[0] ?? '?';
  if (r.error?.code === 'not-found') return { key: 'common:reason.toolMissing', params: { tool } };
  if (r.error?.code === 'timeout') return { key: 'common:reason.timeout', params: { tool } };
  if (r.error?.code === 'permission') return { key: 'common:reason.permission', params: { path: tool } };
  if (r.error) return { key: 'common:reason.runFailed', params: { tool, message: r.error.message } };
  if (r.exitCode !== 0) return { key: 'common:reason.exitCode', params: { tool, code: r.exitCode ?? -1, stderr: sample(r.stderr) } };
  return null;
}

/** Reason for output that could not be understood. */
export function garbled(tool: string, output: string): Message {
  return { key: 'common:reason.garbled', params: { tool, sample: sample(output) } };
}

/** The reason key for each kind of special file a read refused. */
const SPECIAL_REASON: Readonly<Record<SpecialFile, string>> = {
  fifo: 'common:reason.fifo',
  socket: 'common:reason.socket',
  'character-device': 'common:reason.device',
  'block-device': 'common:reason.device',
  other: 'common:reason.notAFile',
};

/** Reason for a file or folder that could not be read, in words for each refusal of the read path. */
export function readFailure(e: HostError | Error, path: string): Message {
  const err = e as Partial<HostError>;
  // The path the error names: a read of a file names the file, not the folder the caller looked in.
  const where = typeof err.path === 'string' && err.path ? err.path : path;
  switch (err.code) {
    case 'permission':
      return { key: 'common:reason.permission', params: { path } };
    case 'not-a-file':
      return { key: SPECIAL_REASON[err.special ?? 'other'], params: { path: where } };
    case 'is-a-link':
      return { key: 'common:reason.link', params: { path: where } };
    case 'too-large':
      return { key: 'common:reason.tooLarge', params: { path: where } };
    case 'is-a-directory':
      return { key: 'common:reason.isFolder', params: { path: where } };
    case 'not-found':
      // Nothing there is a plain fact: no system text (ENOENT …) under it.
      return { key: 'common:reason.notFound', params: { path: where } };
    default:
      return { key: 'common:reason.readFailed', params: { path, message: e.message } };
  }
}
