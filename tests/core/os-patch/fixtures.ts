/** Shared helpers for the OS patch tests: recorded outputs, fixture hosts, and the check with the built-in catalog. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/shared/finding';
import { parseCatalog, type Catalog } from '../../../src/core/catalog/catalog-schema';
import type { CatalogInUse } from '../../../src/core/catalog/choose-catalog';
import { osPatchCheck } from '../../../src/core/checks/os-patch/os-patch-check';
import { CBS_REBOOT_KEY, CURRENT_VERSION_KEY, HOTFIX_ARGV, WU_POLICY_KEY, WU_REBOOT_KEY } from '../../../src/core/checks/os-patch/windows-probe';
import { FixtureHost, type FixtureCommand, type FixtureSpec } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { builtinPolicy } from '../../../src/core/policy/policy';

/** Folder of the recorded outputs. */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'os-patch');

/** A recorded output, byte for byte. */
export function rec(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/**
 * The catalog these recorded scenarios were written against: data/catalog.json as shipped with asOf 2026-07-18,
 * frozen here so that a monthly refresh of the built-in data does not move the scenarios' dates.
 */
export function scenarioCatalog(): Catalog {
  const r = parseCatalog(JSON.parse(readFileSync(join(FIXTURES, 'catalog-2026-07-18.json'), 'utf8')));
  if (!r.ok) throw new Error(`scenario catalog is invalid: ${r.issues.join('; ')}`);
  return r.catalog;
}

/** The scenario catalog standing in for the built-in one, as the check would use it with no signed file around. */
export function builtinInUse(): CatalogInUse {
  return { catalog: scenarioCatalog(), origin: 'builtin', refusals: [] };
}

/** Runs the os-patch check on a host at a given time, with the built-in catalog. */
export async function runOsPatch(host: Host, now: string, options: { distroInfoDir?: string; catalog?: CatalogInUse } = {}): Promise<readonly Finding[]> {
  const check = osPatchCheck({ catalog: async () => options.catalog ?? builtinInUse(), ...(options.distroInfoDir ? { distroInfoDir: options.distroInfoDir } : {}) });
  return check.run({ host, policy: builtinPolicy(), now: new Date(now) });
}

const notFound = (key: string): FixtureCommand => ({ argv: ['reg', 'query', key], exitCode: 1, stderr: rec('windows/reg-not-found.stderr.txt') });

/** A Windows host whose registry answers with the recorded CurrentVersion key `name`. */
export function windowsHost(name: string, extra: { reboot?: boolean; noAutoUpdate?: boolean; policy?: Omit<FixtureCommand, 'argv'>; hotfix?: FixtureCommand | null } = {}): FixtureHost {
  const commands: FixtureCommand[] = [
    { argv: ['reg', 'query', CURRENT_VERSION_KEY], stdout: rec(`windows/reg-currentversion.${name}.txt`) },
    extra.reboot ? { argv: ['reg', 'query', WU_REBOOT_KEY], stdout: rec('windows/reg-rebootrequired.txt') } : notFound(WU_REBOOT_KEY),
    notFound(CBS_REBOOT_KEY),
    extra.policy ? { argv: ['reg', 'query', WU_POLICY_KEY], ...extra.policy } : extra.noAutoUpdate ? { argv: ['reg', 'query', WU_POLICY_KEY], stdout: rec('windows/reg-wu-policy-noautoupdate.txt') } : notFound(WU_POLICY_KEY),
  ];
  if (extra.hotfix !== null) commands.push(extra.hotfix ?? { argv: [...HOTFIX_ARGV], stdout: rec('windows/get-hotfix.txt') });
  return new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', env: { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, commands });
}

/** A Linux host with an os-release file, apt answers, and optional files. */
export function linuxHost(osRelease: string, opts: { apt?: FixtureCommand | null; files?: FixtureSpec['files']; commands?: readonly FixtureCommand[] } = {}): FixtureHost {
  const commands: FixtureCommand[] = [...(opts.commands ?? [])];
  if (opts.apt !== null) commands.push(opts.apt ?? { argv: ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], stdout: rec('linux/apt-get-s-upgrade.none.txt') });
  return new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/etc/os-release': rec(`linux/${osRelease}`), ...(opts.files ?? {}) }, commands });
}

/** An apt-get simulation answering with a recorded output. */
export function apt(file: string, more: Partial<FixtureCommand> = {}): FixtureCommand {
  return { argv: ['apt-get', '-s', '-o', 'Debug::NoLocking=1', 'upgrade'], stdout: rec(`linux/${file}`), ...more };
}

/** A macOS host with recorded sw_vers and softwareupdate outputs. */
export function macHost(swVers: string, softwareupdate?: Partial<FixtureCommand> | null): FixtureHost {
  const commands: FixtureCommand[] = [{ argv: ['sw_vers'], stdout: rec(`macos/${swVers}`) }];
  if (softwareupdate !== null) commands.push({ argv: ['softwareupdate', '--list'], stdout: rec('macos/softwareupdate.none.stdout.txt'), stderr: rec('macos/softwareupdate.none.stderr.txt'), ...softwareupdate });
  return new FixtureHost({ platform: 'darwin', homedir: '/Users/an', commands });
}

/** The finding of an aspect, by the key of its title. */
export function byTitle(findings: readonly Finding[], prefix: string): Finding | undefined {
  return findings.find((f) => f.title.key.startsWith(prefix));
}

/** Statuses with title keys, for readable assertions. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.status} ${f.title.key}`);
}
