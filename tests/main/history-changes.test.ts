/** The tray's history as the changes between checks need it: every finding kept, the checks covered, a corrupt file kept aside whole. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { AppController } from '../../src/main/app-controller';
import type { Finding } from '../../src/shared/finding';
import { diffEntries } from '../../src/shared/history-diff';
import type { Report } from '../../src/shared/report';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith, zoomInstalled, zoomOk } from '../shared/sample-report';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-hist-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function controller(reports: Report[]) {
  let i = 0;
  return new AppController({ dataDir: dir, now: () => Date.UTC(2026, 4, 20, 3), runChecks: async () => reports[Math.min(i++, reports.length - 1)]!, fixer: refusingFixService });
}

/** Twelve leftovers: more than the 10 an entry used to keep. */
const leftovers: Finding[] = Array.from({ length: 12 }, (_, i) => ({ ...zoomInstalled, id: `banned-app:${String(i).padStart(16, '0')}`, status: 'warning' }));

describe('history of the tray, for the changes between checks', () => {
  it('keeps every finding that was not ok and the checks the report covers, so the next check can say what is gone', async () => {
    const c = controller([{ ...reportWith([...leftovers, zoomOk]), checks: ['banned-app', 'os-patch'] }, { ...reportWith([zoomOk], '2026-05-20T04:00:00.000Z'), checks: ['banned-app', 'os-patch'] }]);
    await c.runCheck();
    await c.runCheck();
    const [later, earlier] = c.history();
    expect(earlier!.findings).toHaveLength(12);
    expect(earlier!.checks).toEqual(['banned-app', 'os-patch']);
    const diff = diffEntries(earlier!, later!);
    expect(diff.earlierPartial).toBe(false);
    expect(diff.changes.map((x) => x.kind)).toEqual(Array(12).fill('resolved'));
  });

  it('a corrupt history file is moved aside whole and said; the next check is the first one kept, nothing else is lost', async () => {
    const torn = '[{"at":"2026-05-19T03:00:00.000Z","summary":{"violation":1,"warn';
    writeFileSync(join(dir, 'history.json'), torn);
    const c = controller([{ ...reportWith([zoomInstalled]), checks: ['banned-app', 'os-patch'] }]);
    await c.runCheck();
    expect(c.history().map((e) => e.at)).toEqual(['2026-05-20T03:04:05.000Z']);
    const aside = readdirSync(dir).filter((f) => f.startsWith('history.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(torn);
    expect(c.problemMessages()).toEqual([expect.objectContaining({ key: 'ui:problem.movedAside', params: expect.objectContaining({ file: join(dir, 'history.json') }) })]);
  });
});
