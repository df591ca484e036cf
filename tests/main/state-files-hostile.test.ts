// The app's four state files, each replaced by a real FIFO, socket, link to /dev/zero or /dev/random,
// link to a FIFO, or 10 GiB sparse file. The stores read synchronously, so a read that blocked would
// block the test runner: they run in a child killed should it hang. Each file is reported, moved
// aside whole (nothing lost), the defaults are used, and the next write puts a plain file back.
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemLog } from '../../src/main/problem-log';
import type { CorruptFile } from '../../src/main/state-store';
import { guardedScript } from '../helpers/guarded-child';
import { SPARSE_BYTES, SPECIAL_KINDS, makeSpecial, type SpecialKind } from '../helpers/special-files';

const STORES = [
  ['settings', 'settings.json'],
  ['notify', 'notify-state.json'],
  ['history', 'history.json'],
  ['lastReport', 'last-report.json'],
] as const;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'attt-hostile-state-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a file at a name is, as lstat sees it. */
function typeAt(path: string): string {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isFile()) return st.size === SPARSE_BYTES ? 'sparse' : 'file';
  return 'other';
}

const ORIGINAL: Readonly<Record<SpecialKind, string>> = { fifo: 'fifo', socket: 'socket', 'zero-link': 'symlink', 'random-link': 'symlink', 'fifo-link': 'symlink', 'sparse-10g': 'sparse' };

describe.runIf(process.platform === 'linux')('state files that are not plain files', () => {
  it('each of the four stores: reported, moved aside whole, defaults used, a plain file written next; the child stays small', () => {
    const dirs: Record<string, string> = {};
    for (const kind of SPECIAL_KINDS) {
      for (const [, name] of STORES) {
        const dir = join(root, `${kind}-${name}`);
        makeSpecial(join(dir, name), kind);
        dirs[`${kind}:${name}`] = dir;
      }
    }
    const r = guardedScript(
      `const { openStores } = require(ROOT + '/src/main/app-stores.ts');
       const dirs = ${JSON.stringify(dirs)};
       const stores = ${JSON.stringify(STORES)};
       const out = {};
       for (const [key, dir] of Object.entries(dirs)) {
         const problems = [];
         const s = openStores(dir, (p) => problems.push(p));
         const store = stores.find(([, name]) => key.endsWith(':' + name))[0];
         const first = s[store].read();
         s[store].write(first);
         out[key] = { problems, first, again: s[store].read() };
       }
       process.stdout.write(JSON.stringify(out));`,
      { timeoutMs: 60_000 },
    );
    expect(r.killed, r.stderr).toBe(false);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, { problems: { file: string; movedTo: string | null; reason: string; refused?: boolean }[]; first: unknown; again: unknown }>;
    for (const kind of SPECIAL_KINDS) {
      for (const [, name] of STORES) {
        const dir = dirs[`${kind}:${name}`]!;
        const got = out[`${kind}:${name}`]!;
        expect(got.problems, `${kind} ${name}`).toHaveLength(1);
        const p = got.problems[0]!;
        expect(p.file).toBe(join(dir, name));
        expect(p.reason).toMatch(/^not a state file: /);
        expect(p.refused).toBe(true);
        // The findings page says it in its own words, with both names.
        const log = new ProblemLog(() => undefined);
        log.add(p as CorruptFile);
        expect(log.messages()).toEqual([{ key: 'ui:problem.refusedMovedAside', params: { file: p.file, movedTo: p.movedTo!, detail: p.reason } }]);
        // Moved aside whole: the FIFO, the socket, the link itself (not its target), the sparse file.
        expect(p.movedTo, `${kind} ${name}`).toMatch(new RegExp(`^${join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-`));
        expect(typeAt(p.movedTo!), `${kind} ${name}`).toBe(ORIGINAL[kind]);
        // The next write put a plain file at the name, and it reads back as written.
        expect(typeAt(join(dir, name))).toBe('file');
        expect(JSON.parse(readFileSync(join(dir, name), 'utf8'))).toEqual(got.first);
        expect(got.again).toEqual(got.first);
        expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
      }
    }
    expect(r.maxRssKb).toBeLessThan(200 * 1024);
  }, 90_000);
});
