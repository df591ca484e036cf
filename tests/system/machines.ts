/** Recorded Linux machines (ATTT_SELFCHECK_FIXTURE files) for the system tests: one with Zoom, one without. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import { PS_ARGV } from '../../src/core/checks/banned-app/linux/processes';
import type { FixtureSpec } from '../../src/core/host/fixture-host';

const FIXTURES = join(__dirname, '..', 'fixtures');
const text = (...p: string[]): string => readFileSync(join(FIXTURES, ...p), 'utf8');

/**
 * A Debian 12 office PC, patched, with or without Zoom's .deb installed (as dpkg lists it). Its
 * home and the app's data folder are the test's temporary folders: the app computes its data
 * folder from the machine it looks at (src/core/paths.ts), so a recorded home would be made on this one.
 */
export function officePc(withZoom: boolean, home: string, dataDir: string): FixtureSpec {
  const dpkg = text('linux', 'dpkg-query-clean.txt') + (withZoom ? 'zoom\t6.2.0.1855\tamd64\tinstall ok installed\n' : '');
  return {
    platform: 'linux',
    hostname: withZoom ? 'may-phong-van-thu' : 'may-phong-ke-toan',
    homedir: home,
    env: { HOME: home, ATTT_SELFCHECK_DATA_DIR: dataDir },
    files: { '/etc/os-release': text('os-patch', 'linux', 'os-release.debian12'), [home]: { type: 'dir' } },
    commands: [
      { argv: [...DPKG_ARGV], stdout: dpkg },
      { argv: [...PS_ARGV], stdout: '    1 systemd\n  812 Xorg\n 1402 nautilus\n' },
      { argv: ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], stdout: text('os-patch', 'linux', 'apt-get-s-upgrade.none.txt') },
    ],
  };
}

/** Writes a machine file and returns its path. */
export function writeMachine(dir: string, name: string, spec: FixtureSpec): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}
