import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { capture } from '../helpers/capture-io';
import { RealHost } from '../../src/core/host/real-host';
import { parseAudit, type AuditEntry } from '../../src/core/remediation/audit-log';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  v: 1,
  time: '2026-11-25T08:00:00.000Z',
  type: 'step',
  planId: 'p1',
  findingId: 'f1',
  plan: { key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'zoom 6.2' } },
  step: { kind: 'run', title: { key: 'fix:step.package', params: { name: 'zoom', manager: 'dpkg' } } },
  argv: ['apt-get', 'remove', '-y', 'zoom'],
  exitCode: 0,
  outcome: 'ok',
  evidenceBefore: [{ kind: 'package', detail: 'dpkg zoom', data: { manager: 'dpkg', name: 'zoom' } }],
  ...over,
});

function setup(text: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'attt-history-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  if (text !== null) writeFileSync(join(data, 'audit.log'), text);
  const host = new RealHost({ homedir: dir, env: { ATTT_SELFCHECK_DATA_DIR: data } });
  return { host, data };
}

describe('audit log parsing', () => {
  it('keeps every good line, reports each bad one with its number, never throws', () => {
    const good1 = JSON.stringify(entry({}));
    const good2 = JSON.stringify(entry({ type: 'verdict', outcome: 'removed', evidenceAfter: [] }));
    const text = [good1, '{"v":1,"time":"2026-11-25T08:0', '', 'garbage \u0000 ÿ', JSON.stringify({ v: 2, hello: 'x' }), good2, '{"torn'].join('\n');
    const read = parseAudit(text);
    expect(read.entries.map((e) => e.type)).toEqual(['step', 'verdict']);
    expect(read.damaged.map((c) => c.at)).toEqual([2, 4, 5, 7]);
  });

  it('counts a line that is valid JSON but lacks what the history shows (plan, a step title, a message key) as corrupt', () => {
    const { plan: _plan, ...noPlan } = entry({});
    const lines = [
      noPlan,
      entry({ step: { kind: 'run' } as never }),
      entry({ message: { params: {} } as never }),
      entry({ evidenceBefore: [{ kind: 'file' }] as never }),
      entry({}),
    ].map((e) => JSON.stringify(e));
    const read = parseAudit(lines.join('\n'));
    expect(read.entries).toHaveLength(1);
    expect(read.damaged.map((c) => c.at)).toEqual([1, 2, 3, 4]);
  });
});

describe('attt-selfcheck history', () => {
  it('prints the log in Vietnamese with argv and exit codes; corrupt lines go to stderr and the rest stays', async () => {
    const { host } = setup([JSON.stringify(entry({})), 'not json', JSON.stringify(entry({ type: 'verdict', outcome: 'removed', evidenceAfter: [] }))].join('\n'));
    const io = capture();
    expect(await main(['history'], { io, host })).toBe(0);
    expect(io.stdout).toContain('NHẬT KÝ THAO TÁC');
    expect(io.stdout).toContain('[xong] Gỡ gói «zoom» bằng trình quản lý gói dpkg');
    expect(io.stdout).toContain('$ apt-get remove -y zoom  (mã thoát 0)');
    expect(io.stdout).toContain('Đã gỡ bỏ, được xác nhận bằng lần kiểm tra lại: Phát hiện phần mềm zoom 6.2 đã cài đặt');
    expect(io.stderr).toMatch(/^Dòng 2 của nhật ký bị hỏng và đã được bỏ qua: /);
  });

  it('--json prints one document with entries and corrupt lines; an empty log is empty, not an error', async () => {
    const { host } = setup(`${JSON.stringify(entry({}))}\n{bad\n`);
    const io = capture();
    expect(await main(['history', '--json'], { io, host })).toBe(0);
    const doc = JSON.parse(io.stdout);
    expect(doc.entries).toHaveLength(1);
    expect(doc.corrupt).toEqual([{ line: 2, reason: expect.any(String) }]);
    const none = setup(null);
    const io2 = capture();
    expect(await main(['history', '--lang', 'en'], { io: io2, host: none.host })).toBe(0);
    expect(io2.stdout).toContain('No actions yet.');
  });

  it('a log that cannot be read (a folder in its place) is reported with exit 3', async () => {
    const { host, data } = setup(null);
    mkdirSync(join(data, 'audit.log'));
    const io = capture();
    expect(await main(['history', '--lang', 'en'], { io, host })).toBe(3);
    expect(io.stdout).toContain('Could not read the log');
  });
});
