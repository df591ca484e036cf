import type { CliIO } from '../../src/cli/io';

/** A CLI IO that keeps what the command printed and answers "no" to every question. */
export function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), confirm: async () => false };
  return io;
}
