import type { Message } from '../../../../shared/finding';

/** The words for an installed package as evidence: «Gói NAME phiên bản 6.2.11 (dpkg)»; without its version when none is known. */
export function packageLabel(name: string, manager: string, version: string | undefined): Message {
  return version ? { key: 'bannedApp:evidence.package', params: { package: name, manager, version } } : { key: 'bannedApp:evidence.packageNoVersion', params: { package: name, manager } };
}
