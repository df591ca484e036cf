import type { Host } from '../host/host';
import { trustedProgram } from './elevation';

/** A program that removes an installed rpm package, and the words before the package's name. */
export interface RpmRemovalTool {
  readonly program: string;
  readonly args: readonly string[];
}

/**
 * The programs that remove an rpm package, the first one present wins. The front-ends keep their own
 * history in step with the database (dnf warns when "RPMDB altered outside of dnf"), so they come first:
 * dnf (Fedora; RHEL and its rebuilds from 8, where yum is dnf), yum (RHEL/CentOS 7, Amazon Linux 2),
 * zypper (openSUSE, SLES; `--non-interactive` must stand before the command, per zypper(8)). `rpm -e`
 * is the last: rpm itself is on every machine with an rpm database; `--allmatches` removes every
 * installed version of the name, where rpm would otherwise refuse a name that matches two
 * (rpm(8), ERASE OPTIONS). Nothing here is the app's: it is the same for every package, so it lives
 * in code, not in the policy file (a policy file must never choose the program run as root).
 */
export const RPM_REMOVAL_TOOLS: readonly RpmRemovalTool[] = [
  { program: 'dnf', args: ['remove', '-y'] },
  { program: 'yum', args: ['remove', '-y'] },
  { program: 'zypper', args: ['--non-interactive', 'remove'] },
  { program: 'rpm', args: ['-e', '--allmatches'] },
];

/**
 * argv that removes the rpm package `name` here: the first tool of RPM_REMOVAL_TOOLS found in the
 * system folders (where the elevated run takes it from; never the person's PATH), else `rpm -e`,
 * which then fails in words as a missing tool if even rpm is not there. Never a retry with the next
 * tool after a failure: a front-end that refused (a dependency, a lock) had its reason.
 */
export async function rpmRemovalArgv(host: Host, name: string): Promise<string[]> {
  for (const tool of RPM_REMOVAL_TOOLS) {
    if (await trustedProgram(host, tool.program)) return [tool.program, ...tool.args, name];
  }
  const last = RPM_REMOVAL_TOOLS[RPM_REMOVAL_TOOLS.length - 1]!;
  return [last.program, ...last.args, name];
}
