// Control characters from the machine (file names, tool output, the audit log) never reach the
// terminal raw: one escaping function in the CLI's output layer, line breaks in values included.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/cli/io';
import { capture } from '../helpers/capture-io';
import { main } from '../../src/cli/main';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { RealHost } from '../../src/core/host/real-host';

/** Anything a terminal would act on: C0 but the line break, DEL, C1, bidi overrides/isolates/marks, line separators. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const NFD_NAME = 'Nguyễn Thị Hoà'.normalize('NFD');
/** A user folder name an attacker chose: a title-setting OSC with BEL, a colour CSI, CR, the C1 CSI, a right-to-left override, a newline. */
const HOSTILE = `${NFD_NAME}\u001b]0;owned\u0007\u001b[31m\rX\u009b2J\u202egpj.exe\nFAKE`;
const now = () => new Date('2026-11-25T08:00:00Z');

describe('escapeControls', () => {
  it.each([
    ['ESC sequences', 'a\u001b[31mred\u001b]0;title\u0007', 'a\\u001b[31mred\\u001b]0;title\\u0007'],
    ['CR (overwrites the line)', 'ok\rFAKE', 'ok\\u000dFAKE'],
    ['BEL', 'ding\u0007', 'ding\\u0007'],
    ['C1 controls (CSI, NEL) and DEL', 'x\u009b2J\u0085\u007f', 'x\\u009b2J\\u0085\\u007f'],
    ['bidi override and isolates', 'invoice\u202Eexe.pdf\u2066\u2069\u200f', 'invoice\\u202eexe.pdf\\u2066\\u2069\\u200f'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['a line break inside a value', 'one\ntwo\tthree', 'one\\u000atwo\\u0009three'],
  ])('escapes %s', (_name, input, escaped) => {
    expect(escapeControls(input)).toBe(escaped);
    expect(escapeControls(input)).not.toMatch(RAW);
  });

  it('leaves Vietnamese intact, composed and decomposed (NFD combining marks), and other letters and emoji', () => {
    for (const s of ['Nguyễn Thị Hoà', NFD_NAME, 'Trợ lý tự kiểm tra an toàn thông tin', 'Zoom 会議 👩‍💻', 'C:\\Users\\an\\Tải xuống']) expect(escapeControls(s)).toBe(s);
    expect(NFD_NAME).not.toBe(NFD_NAME.normalize('NFC'));
  });

  it('keeps line breaks for whole output, and is idempotent', () => {
    expect(escapeControls('a\nb\r\n', { lines: true })).toBe('a\nb\\u000d\n');
    expect(escapeControls(escapeControls(HOSTILE))).toBe(escapeControls(HOSTILE));
  });
});

describe('everything the CLI prints is escaped', () => {
  const home = `/home/${HOSTILE}`;
  const host = new FixtureHost({ platform: 'linux', homedir: home, hostname: 'may-01', files: { [`${home}/.zoom`]: { type: 'dir' }, [`${home}/.config/zoomus.conf`]: 'x=1\n' } });

  it('check: evidence paths with control characters are printed escaped, Vietnamese kept', async () => {
    const io = capture();
    await main(['check', '--lang', 'en'], { io, host, now });
    expect(io.stdout).toContain('.zoom');
    expect(io.stdout).not.toMatch(RAW);
    expect(io.stdout).toContain(`${NFD_NAME}\\u001b]0;owned\\u0007\\u001b[31m\\u000dX\\u009b2J\\u202egpj.exe\\u000aFAKE/.zoom`);
    // No value starts a line of its own: the only lines are the report's.
    expect(io.stdout.split('\n').some((l) => l.startsWith('FAKE'))).toBe(false);
  });

  it('check --json: still valid JSON with the exact values, and nothing raw in the text', async () => {
    const io = capture();
    await main(['check', '--json'], { io, host, now });
    expect(io.stdout).not.toMatch(RAW);
    const doc = JSON.parse(io.stdout) as { findings: { evidence: { path?: string }[] }[] };
    expect(doc.findings.flatMap((f) => f.evidence).map((e) => e.path)).toContain(`${home}/.zoom`);
  });

  it('fix --dry-run: the plan\'s paths are escaped', async () => {
    const io = capture();
    await main(['fix', 'zoom', '--dry-run', '--lang', 'vi'], { io, host, now });
    expect(io.stdout).toContain('\\u202egpj.exe');
    expect(io.stdout).toContain(NFD_NAME);
    expect(io.stdout).not.toMatch(RAW);
  });

  it('history: an audit log written with control characters (argv, messages, plan ids) is printed escaped; --json parses back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-printable-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    const line = {
      v: 1, time: '2026-11-25T08:00:00.000Z', type: 'step', planId: 'p\u001b[2K1', findingId: 'f1',
      plan: { key: 'bannedApp:installed.title', params: { app: 'Zoom\u0007' } },
      step: { kind: 'remove', title: { key: 'fix:step.remove', params: { path: `${home}/.zoom` } } },
      argv: ['rm', '-rf', '--', `${home}/.zoom`], exitCode: 1, outcome: 'failed',
      message: { key: 'fix:result.fileFailed', params: { path: `${home}/.zoom`, message: 'EACCES\r\u001b[1A✔ removed' } },
      evidenceBefore: [],
    };
    writeFileSync(join(data, 'audit.log'), `${JSON.stringify(line)}\n{"torn\u001b[31m\n`);
    const real = new RealHost({ homedir: dir, env: { ATTT_SELFCHECK_DATA_DIR: data } });
    const io = capture();
    await main(['history', '--lang', 'en'], { io, host: real, now });
    expect(io.stdout + io.stderr).not.toMatch(RAW);
    expect(io.stdout).toContain('EACCES\\u000d\\u001b[1A✔ removed');
    expect(io.stdout).toContain('\\u202egpj.exe');
    const js = capture();
    await main(['history', '--json'], { io: js, host: real, now });
    expect(js.stdout).not.toMatch(RAW);
    expect((JSON.parse(js.stdout) as { entries: { argv?: string[] }[] }).entries[0]!.argv).toEqual(line.argv);
  });

  it('errors too: an unknown option with control characters is echoed escaped', async () => {
    const io = capture();
    expect(await main(['check', '--x\u001b[2J\u202e'], { io, host, now })).toBe(64);
    expect(io.stderr).toContain('\\u001b[2J\\u202e');
    expect(io.stderr).not.toMatch(RAW);
  });
});
