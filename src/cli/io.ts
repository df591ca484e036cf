/** Where the CLI writes and reads; injectable so commands run in-process in tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Asks a yes/no question on the terminal; false when there is no terminal. */
  confirm(question: string): Promise<boolean>;
}

/** The process's own terminal. */
export function processIO(): CliIO {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    async confirm(question) {
      if (!process.stdin.isTTY) return false;
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = (await rl.question(`${question} [c/k] (y/n) `)).trim().toLowerCase();
        return ['c', 'co', 'có', 'y', 'yes'].includes(answer);
      } finally {
        rl.close();
      }
    },
  };
}
