/** The tray's findings log on a real temp folder: appends in order, a failure told in words, the notice gone once a later append is written. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ecsLines } from '../../src/core/export/ecs';
import { findingsLogFor } from '../../src/main/findings-log';
import { mainTranslator } from '../../src/main/i18n';
import type { CorruptFile } from '../../src/main/state-store';
import { reportWith, zoomInstalled, zoomLeftover } from '../shared/sample-report';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'findings-log-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FindingsLog', () => {
  it('appends each report in order, in the language of the moment, even when asked twice at once', async () => {
    let lang: 'vi' | 'en' = 'vi';
    const log = findingsLogFor(dir, { translator: () => mainTranslator(lang), onProblem: () => undefined, onChange: () => undefined });
    const a = reportWith([zoomInstalled]);
    const b = reportWith([zoomLeftover]);
    const first = log.append(a);
    lang = 'en';
    await Promise.all([first, log.append(b)]);
    const text = readFileSync(log.path, 'utf8');
    // The first append renders when it runs (already English here): the same lines check --ecs --lang en prints.
    expect(text).toBe([...ecsLines(a, mainTranslator('en')), ...ecsLines(b, mainTranslator('en'))].map((l) => `${l}\n`).join(''));
  });

  it('a failure is a problem in words and a tray notice, which goes away when a later append is written', async () => {
    const problems: CorruptFile[] = [];
    let changes = 0;
    const log = findingsLogFor(dir, { translator: () => mainTranslator('vi'), onProblem: (p) => problems.push(p), onChange: () => changes++ });
    mkdirSync(log.path, { recursive: true });
    const r = await log.append(reportWith([zoomInstalled]));
    expect(r).toMatchObject({ written: false, problem: 'is-a-directory' });
    expect(problems).toEqual([{ file: log.path, movedTo: null, reason: expect.stringMatching(/a folder/), words: { key: 'ui:problem.ecsLog.is-a-directory', params: { file: log.path } } }]);
    expect(mainTranslator('vi').message(log.notice()!)).toBe('Chưa ghi được nhật ký: tại đó là thư mục');
    expect(changes).toBe(1);
    rmSync(log.path, { recursive: true });
    expect(await log.append(reportWith([zoomInstalled]))).toMatchObject({ written: true });
    expect(log.notice()).toBeNull();
    expect(changes).toBe(2);
  });
});
