// RealLayout.start, the long-lived program of a layout (the system test's app): what it needs from a folder the
// layout replaces (a clone under /tmp) is seen only when bound, and a program that cannot start says so at once.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutTitle, RealLayout, realLayoutUnavailable, USER } from '../helpers/real-layout';

/** What the program printed and how it ended (a time limit only against a hang). */
function ended(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running; stderr: ${stderr}`)), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // The last output may come just after the exit.
      setTimeout(() => resolve({ code, stdout, stderr }), 100);
    });
  });
}

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle('a long-lived program in a layout'), { timeout: 120_000 }, () => {
  let m: RealLayout;
  // A folder in the host's /tmp, as a fresh clone there: inside, /tmp is the layout's own.
  const repo = mkdtempSync('/tmp/attt-start-repo-');
  const script = join(repo, 'main.cjs');
  beforeAll(() => {
    chmodSync(repo, 0o755);
    writeFileSync(script, "process.stdout.write(`${process.cwd()} ${require('node:fs').readFileSync(__dirname + '/data.txt', 'utf8')}`); process.exit(3);\n");
    writeFileSync(join(repo, 'data.txt'), 'from the host');
    m = new RealLayout();
  });
  afterAll(() => {
    m?.dispose();
    rmSync(repo, { recursive: true, force: true });
  });

  it('a program whose folder lies in a folder the layout replaces is refused at once, naming it, when no hostPaths binds it', async () => {
    await expect(m.start({ argv: [process.execPath, script], cwd: repo })).rejects.toThrow(`the program needs ${repo}, ${script}, hidden inside the layout (it has its own /tmp): pass each, or a folder holding it, in hostPaths`);
  });

  it('bound by hostPaths, it runs inside as the person, in that folder, and reads it', async () => {
    const r = await ended(await m.start({ argv: [process.execPath, script], cwd: repo, user: `${USER.uid}:${USER.gid}` }, [], { hostPaths: [repo] }));
    expect(r).toEqual({ code: 3, stdout: `${repo} from the host`, stderr: '' });
  });

  it('a machine that cannot be set up ends at once with a failure and says why on stderr', async () => {
    // A background program that never becomes ready: the init gives up on it before starting the program.
    const r = await ended(await m.start({ argv: [process.execPath, script], cwd: repo }, [{ argv: ['/bin/sleep', '30'], ready: 'never-this-name' }], { hostPaths: [repo] }));
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('real-layout: the machine could not be set up: Error: background program did not start: chroot');
  });
});
