import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealHost } from '../../../src/core/host/real-host';
import { RealMutableHost } from '../../../src/core/host/mutable-host';
import { MAX_AUDIT_LINE, appendAudit, auditWriteWarning, readAudit, type AuditEntry } from '../../../src/core/remediation/audit-log';
import { createTranslator } from '../../../src/core/i18n/translator';
import type { Evidence } from '../../../src/shared/finding';
import { makeSpecial } from '../../helpers/special-files';

let dir: string;
let host: RealHost;
let mutable: RealMutableHost;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-audit-'));
  host = new RealHost({ homedir: dir, env: { HOME: dir } });
  mutable = new RealMutableHost(host, () => new Date('2026-11-25T08:00:00Z'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function entry(n: number, evidence: Evidence[] = [{ kind: 'package', detail: 'dpkg zoom 6.2.0', data: { manager: 'dpkg', name: 'zoom' } }]): AuditEntry {
  return { v: 1, time: '2026-11-25T08:00:00.000Z', type: 'step', planId: `banned-app:abc:uninstall#${n}`, findingId: 'banned-app:abc', plan: { key: 'bannedApp:installed.title' }, step: { kind: 'run', title: { key: 'fix:step.package' } }, argv: ['pkexec', 'apt-get', 'remove', '-y', 'zoom'], exitCode: 0, outcome: 'ok', evidenceBefore: evidence };
}

describe('the audit log is written only into a plain file of its own', () => {
  it('refuses an audit.log that is a symbolic link; the file it points to is untouched', async () => {
    const target = join(dir, 'bashrc');
    writeFileSync(target, 'export PATH=/usr/bin\n');
    symlinkSync(target, join(dir, 'audit.log'));
    await expect(appendAudit(mutable, join(dir, 'audit.log'), entry(1))).rejects.toMatchObject({ code: 'is-a-link' });
    expect(readFileSync(target, 'utf8')).toBe('export PATH=/usr/bin\n');
  });

  it('refuses an audit.log that is a hard link to another file', async () => {
    const target = join(dir, 'precious.conf');
    writeFileSync(target, 'keep\n');
    linkSync(target, join(dir, 'audit.log'));
    await expect(appendAudit(mutable, join(dir, 'audit.log'), entry(1))).rejects.toMatchObject({ code: 'permission' });
    expect(readFileSync(target, 'utf8')).toBe('keep\n');
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe at audit.log instead of blocking on it', async () => {
    execFileSync('mkfifo', [join(dir, 'audit.log')]);
    await expect(appendAudit(mutable, join(dir, 'audit.log'), entry(1))).rejects.toMatchObject({ code: 'not-a-file', special: 'fifo' });
  }, 10_000);

  it.skipIf(process.platform === 'win32')('refuses a socket, a link to /dev/zero and a device node at audit.log; none is written to', async () => {
    const log = join(dir, 'audit.log');
    makeSpecial(log, 'socket');
    await expect(appendAudit(mutable, log, entry(1))).rejects.toMatchObject({ code: 'not-a-file', special: 'socket' });
    rmSync(log);
    makeSpecial(log, 'zero-link');
    await expect(appendAudit(mutable, log, entry(1))).rejects.toMatchObject({ code: 'is-a-link' });
    rmSync(log);
    // A device node of /dev/null's numbers would swallow every line in silence (mknod needs root: skipped without it).
    const made = spawnSync('mknod', [log, 'c', '1', '3']).status === 0;
    if (made) {
      await expect(appendAudit(mutable, log, entry(1))).rejects.toMatchObject({ code: 'not-a-file', special: 'character-device' });
      expect(lstatSync(log).isCharacterDevice()).toBe(true);
    }
  }, 10_000);

  it.skipIf(process.platform === 'win32')('the warning for a FIFO at audit.log is in words (vi, en), naming the file', async () => {
    const log = join(dir, 'audit.log');
    makeSpecial(log, 'fifo');
    const e = await appendAudit(mutable, log, entry(1)).then(() => null, (x: unknown) => x);
    const warning = auditWriteWarning(e, log);
    expect(warning).toEqual({ key: 'fix:cli.auditRefused', params: { file: log } });
    expect(createTranslator('vi').message(warning)).toContain(`không ghi được nhật ký thao tác: «${log}» không phải là một tệp thông thường`);
    expect(createTranslator('en').message(warning)).toContain(`«${log}» is not a regular file`);
    // Any other failure keeps the system's words.
    expect(auditWriteWarning(new Error('ENOSPC: no space left on device'), log)).toEqual({ key: 'fix:cli.auditFailed', params: { message: 'ENOSPC: no space left on device' } });
  });

  it('a huge entry is shortened to one bounded line that still reads back', async () => {
    const file = join(dir, 'audit.log');
    const big: Evidence[] = Array.from({ length: 5000 }, (_, i) => ({ kind: 'file', path: `/home/an/.zoom/cache/${'x'.repeat(100)}${i}`, detail: 'd'.repeat(400), data: { size: 'r'.repeat(200) } }));
    await appendAudit(mutable, file, entry(1, big));
    await appendAudit(mutable, file, entry(2));
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBeLessThanOrEqual(MAX_AUDIT_LINE);
    const read = await readAudit(host, file);
    expect(read.damaged).toEqual([]);
    expect(read.entries[0]).toMatchObject({ planId: 'banned-app:abc:uninstall#1', outcome: 'ok', truncated: true });
    expect(read.entries[0]!.evidenceBefore[0]).toEqual({ kind: 'file', path: big[0]!.path, detail: 'd'.repeat(300) });
    expect(read.entries[1]!.truncated).toBeUndefined();
  });

  it('many appends at once each stay one whole line', async () => {
    const file = join(dir, 'audit.log');
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(mutable, file, entry(i))));
    const read = await readAudit(host, file);
    expect(read.damaged).toEqual([]);
    expect(read.entries.map((e) => e.planId).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `banned-app:abc:uninstall#${i}`).sort());
  });
});
