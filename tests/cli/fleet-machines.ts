/** Recorded machines for the fleet-export tests, written as ATTT_SELFCHECK_FIXTURE files (FixtureSpec JSON). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import type { FixtureNode, FixtureSpec } from '../../src/core/host/fixture-host';
import { main } from '../../src/cli/main';
import { capture } from '../helpers/capture-io';

const OS_PATCH = join(__dirname, '..', 'fixtures', 'os-patch', 'linux');
const rec = (name: string): string => readFileSync(join(OS_PATCH, name), 'utf8');
const APT_ARGV = ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'];
/** The moment the machines are checked: their apt lists were refreshed the day before. */
export const NOW = new Date('2026-08-01T08:00:00Z');
const DAY = 86_400_000;

/** A Debian 12 office PC; `zoom` adds the .deb and its running process, `pending` apt's 114 pending upgrades, `noDpkg` a dpkg that fails. */
function debian(hostname: string, opts: { zoom?: boolean; pending?: boolean; noDpkg?: boolean; packages?: string } = {}): FixtureSpec {
  const procs: Record<string, string> = { '1': 'systemd', '812': 'bash' };
  if (opts.zoom) procs['4242'] = 'zoom';
  const files: Record<string, FixtureNode> = {
    '/etc/os-release': rec('os-release.debian12'),
    '/var/lib/dpkg/status': '',
    '/var/lib/apt/lists': { type: 'dir', mtimeMs: NOW.getTime() - DAY },
    '/proc': { type: 'dir' },
  };
  for (const [pid, comm] of Object.entries(procs)) {
    files[`/proc/${pid}/comm`] = `${comm}\n`;
    files[`/proc/${pid}/cmdline`] = `${comm === 'zoom' ? '/opt/zoom/zoom' : `/usr/bin/${comm}`}\0`;
  }
  if (opts.zoom) files['/opt/zoom/zoom'] = { type: 'file', content: '\x7fELF', mode: 0o755 };
  const dpkg = opts.noDpkg
    ? { argv: DPKG_ARGV, exitCode: 2, stderr: 'dpkg-query: error: cannot open /var/lib/dpkg/status\n' }
    : { argv: DPKG_ARGV, stdout: `bash\t5.2.15-2+b2\tamd64\tinstall ok installed\n${opts.zoom ? 'zoom\t6.2.5.2440\tamd64\tinstall ok installed\n' : ''}${opts.packages ?? ''}` };
  return {
    platform: 'linux',
    homedir: '/home/an',
    hostname,
    files,
    commands: [dpkg, { argv: APT_ARGV, stdout: rec(opts.pending ? 'apt-get-s-upgrade.debian12-root.txt' : 'apt-get-s-upgrade.none.txt') }],
  } as FixtureSpec;
}

/** The machines, by what they hold. */
export const MACHINES = {
  clean: debian('may-sach'),
  zoom: debian('may-co-zoom', { zoom: true }),
  pending: debian('may-chua-va', { pending: true }),
  blind: debian('may-khong-doc-duoc', { noDpkg: true }),
} as const;

const dir = mkdtempSync(join(tmpdir(), 'attt-fleet-'));

/** Writes a machine as a recorded-machine file and returns the environment that replays it. */
export function envFor(name: string, spec: FixtureSpec): Record<string, string> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return { ATTT_SELFCHECK_FIXTURE: file, ATTT_SELFCHECK_DATA_DIR: join(dir, `data-${name}`) };
}

/** Runs the CLI in this process on a recorded machine's environment, at NOW; what it printed and its exit code. */
export async function run(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(args, { io, env, now: () => NOW });
  return { code, stdout: io.stdout, stderr: io.stderr };
}
