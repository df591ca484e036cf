// The pending-updates action names only the package manager the check asked: a person on Debian reads apt's
// command, on Fedora dnf's, never the other distribution's. Recorded machines (outputs from real systems in
// tests/fixtures/os-patch/linux), the CLI's text in Vietnamese and English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { FixtureHost, type FixtureSpec } from '../../src/core/host/fixture-host';
import { capture } from '../helpers/capture-io';

const rec = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'os-patch', 'linux', name), 'utf8');
const NOW = new Date('2026-08-01T08:00:00Z');

const debian: FixtureSpec = {
  platform: 'linux',
  homedir: '/home/an',
  hostname: 'may-debian',
  files: { '/etc/os-release': rec('os-release.debian12'), '/var/lib/dpkg/status': '', '/var/lib/apt/lists': { type: 'dir', mtimeMs: NOW.getTime() - 86_400_000 } },
  commands: [{ argv: ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], stdout: rec('apt-get-s-upgrade.debian12-root.txt') }],
};

const fedora: FixtureSpec = {
  platform: 'linux',
  homedir: '/home/an',
  hostname: 'may-fedora',
  files: { '/etc/os-release': rec('os-release.fedora40'), '/var/lib/rpm': { type: 'dir' } },
  commands: [{ argv: ['dnf', '-q', 'updateinfo', 'list', 'security'], stdout: rec('dnf-updateinfo-security.fedora40.txt') }],
};

async function text(spec: FixtureSpec, lang: string): Promise<string> {
  const io = capture();
  const code = await main(['check', '--only', 'os-patch', '--lang', lang], { io, host: new FixtureHost(spec), now: () => NOW });
  expect(io.stderr).toBe('');
  expect(code).toBe(1);
  return io.stdout;
}

describe('the pending-updates action names the package manager that was asked', () => {
  it('Debian: apt only, in Vietnamese and English', async () => {
    const vi = await text(debian, 'vi');
    expect(vi).toContain('Việc cần làm: Đề nghị đồng chí cài đặt các bản cập nhật đang chờ bằng lệnh «sudo apt update && sudo apt upgrade»');
    const en = await text(debian, 'en');
    expect(en).toContain('Please install the pending updates with «sudo apt update && sudo apt upgrade»');
    for (const t of [vi, en]) expect(t).not.toMatch(/dnf|zypper/);
  });

  it('Fedora: dnf only, in Vietnamese and English', async () => {
    const vi = await text(fedora, 'vi');
    expect(vi).toContain('Việc cần làm: Đề nghị đồng chí cài đặt các bản cập nhật đang chờ bằng lệnh «sudo dnf upgrade --security»');
    const en = await text(fedora, 'en');
    expect(en).toContain('Please install the pending updates with «sudo dnf upgrade --security»');
    for (const t of [vi, en]) expect(t).not.toMatch(/\bapt\b|zypper/);
  });
});
