/** The launcher's guess whether a command line runs `check` (then it starts the check thread before the CLI's code loads). */
import { describe, expect, it } from 'vitest';
import { runsCheck } from '../../src/cli/early-check-thread';

describe('runsCheck', () => {
  it('is true for check in its usual forms, with flags and their values before or after', () => {
    for (const argv of [[], ['check'], ['check', '--only', 'banned-app'], ['--json'], ['--lang', 'en', 'check'], ['--policy', 'org.json'], ['--lang=en', 'check', '--format', 'nagios'], ['--', 'check']]) {
      expect({ argv, runs: runsCheck(argv) }).toEqual({ argv, runs: true });
    }
  });

  it('is false for every other command, and for help and version', () => {
    for (const argv of [['fix', 'zoom'], ['history'], ['--lang', 'en', 'export', 'osquery-pack'], ['check', '--help'], ['-h'], ['--version'], ['check', '-v'], ['policy', 'show'], ['--', 'fix']]) {
      expect({ argv, runs: runsCheck(argv) }).toEqual({ argv, runs: false });
    }
  });
});
