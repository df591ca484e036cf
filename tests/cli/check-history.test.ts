/** `attt-selfcheck history`: the checks kept, each with what changed since the one before; a damaged history is said and left as it is. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { memoWriterFor } from '../../src/core/host/memo-writer';
import { recordCheck } from '../../src/core/history/check-history';
import { RealHost } from '../../src/core/host/real-host';
import type { HistoryEntry } from '../../src/shared/history';
import { capture } from '../helpers/capture-io';
import { RECORDED_HISTORY } from '../shared/recorded-checks';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(history: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'attt-check-history-'));
  dirs.push(dir);
  const data = join(dir, 'data');
  mkdirSync(data);
  if (history !== null) writeFileSync(join(data, 'history.json'), history);
  return { host: new RealHost({ homedir: dir, env: { ATTT_SELFCHECK_DATA_DIR: data } }), data, file: join(data, 'history.json') };
}

describe('attt-selfcheck history: the checks and what changed', () => {
  it('says for each check what is new, what changed status and what is gone, in words, with no path', async () => {
    const { host } = setup(JSON.stringify(RECORDED_HISTORY));
    const io = capture();
    expect(await main(['history'], { io, host })).toBe(0);
    const out = io.stdout;
    expect(out).toMatch(/^LỊCH SỬ KIỂM TRA \(.*history\.json\)\n/);
    const section = out.slice(0, out.indexOf('NHẬT KÝ THAO TÁC'));
    expect(section).toContain('    Đổi trạng thái: Windows 11 Pro 23H2 chưa cài bản cập nhật mới nhất: máy đang ở 22631.4890, bản mới nhất đã biết là 22631.7376 (ngày 14/07/2026); đã chậm 45 ngày — từ «Cảnh báo» thành «Vi phạm»\n');
    expect(section).toContain('    Không còn: Phát hiện phần mềm Zoom Workplace 6.1.11 đã cài đặt (tài khoản nguyenvana) — trước đó: Vi phạm\n');
    expect(section).toContain('    Mới xuất hiện: Phát hiện phần mềm Zoom Workplace 6.1.11 đã cài đặt (tài khoản nguyenvana) — Vi phạm\n');
    expect(section).toMatch(/ {4}Lần kiểm tra đầu tiên được lưu, chưa có lần trước để so sánh\.\n\n$/);
    expect(section).toMatch(/\n\d{2}\/\d{2}\/2026 \d{2}:\d{2} {2}2 vi phạm, 1 cảnh báo, 0 chưa kiểm tra được\n/);
    // The audit log follows, as before.
    expect(out).toContain('Chưa có thao tác nào.');
    expect(section.split('\n').slice(1).join('\n')).not.toMatch(/HKU|S-1-5-|\\\\|\/home\//);
    expect(io.stderr).toBe('');
  });

  it('in English, and --json gives every check with its changes beside the audit log\'s keys', async () => {
    const { host } = setup(JSON.stringify(RECORDED_HISTORY));
    const io = capture();
    expect(await main(['history', '--lang', 'en'], { io, host })).toBe(0);
    expect(io.stdout).toContain('    No longer found: Zoom Workplace 6.1.11 is installed (account nguyenvana) — before: Violation\n');
    expect(io.stdout).toContain('    Status changed: Windows 11 Pro 23H2');
    const json = capture();
    expect(await main(['history', '--json'], { io: json, host })).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, entries: [], corrupt: [] });
    expect(doc.checks.entries.map((e: { changes: { kind: string }[] | null }) => e.changes?.map((c) => c.kind) ?? null)).toEqual([['changed', 'resolved'], ['new', 'new', 'resolved'], null]);
  });

  it('a damaged entry is said on stderr and skipped; the others and their changes are shown; the file is not touched', async () => {
    const text = JSON.stringify([RECORDED_HISTORY[0], { at: 42, summary: 'torn' }, RECORDED_HISTORY[2]]);
    const { host, file } = setup(text);
    const io = capture();
    expect(await main(['history'], { io, host })).toBe(0);
    expect(io.stderr).toMatch(/^Mục thứ 2 của lịch sử kiểm tra bị hỏng nên được bỏ qua; tệp được giữ nguyên\.\n {4}at: /);
    expect(io.stdout).toContain('    Mới xuất hiện: Còn dữ liệu sót lại của Zoom — Cảnh báo\n');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a history that is not JSON is said in words with the parser\'s text on its own line, exit 3, file kept', async () => {
    const torn = '[{"at":"2026-05-20T03:00:00.000Z","summ';
    const { host, file } = setup(torn);
    const io = capture();
    expect(await main(['history'], { io, host })).toBe(3);
    expect(io.stdout).toMatch(/Không đọc được lịch sử kiểm tra; tệp được giữ nguyên:\n {4}Nội dung «.*history\.json» không phải JSON hợp lệ\.\n {4}\S/);
    expect(readFileSync(file, 'utf8')).toBe(torn);
  });

  it('no history yet is said plainly', async () => {
    const { host } = setup(null);
    const io = capture();
    expect(await main(['history'], { io, host })).toBe(0);
    expect(io.stdout).toContain('Chưa có lần kiểm tra nào được lưu.');
  });
});

describe('recordCheck: the CLI\'s check kept in the history', () => {
  it('puts the check first, atomically; a damaged history is left untouched with the reason', async () => {
    const { host, data, file } = setup(JSON.stringify(RECORDED_HISTORY.slice(1)));
    const writer = memoWriterFor(host, data)!;
    expect(await recordCheck(host, writer, file, RECORDED_HISTORY[0]!)).toEqual({ written: true });
    expect((JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[]).map((e) => e.at)).toEqual(RECORDED_HISTORY.map((e) => e.at));
    const damaged = JSON.stringify([RECORDED_HISTORY[1], { at: 1 }]);
    writeFileSync(file, damaged);
    expect(await recordCheck(host, writer, file, RECORDED_HISTORY[0]!)).toEqual({ written: false, reason: { key: 'common:checkHistory.notRecorded', params: { path: file } } });
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });
});
