import { FixtureHost } from './fixture-host';
import { parseFixtureSpec } from './fixture-spec';
import type { Host } from './host';
import { readTextBoundedSync } from './read-file';
import { RealHost } from './real-host';
import { SandboxHost } from './sandbox-host';

/** A recorded machine larger than this is refused unread. */
const MAX_FIXTURE_BYTES = 256 * 1024 * 1024;

/**
 * The host the CLI and the app use. Normally the real machine. Two environment variables point it
 * elsewhere, for IT staff inspecting an offline image and for tests:
 * - ATTT_SELFCHECK_FIXTURE=file.json: answer from recorded outputs (a FixtureSpec, validated: a
 *   malformed file throws FixtureSpecError);
 * - ATTT_SELFCHECK_DPKG_ADMINDIR=DIR: read this dpkg database instead of the system's.
 */
export function hostFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Host {
  const fixture = env.ATTT_SELFCHECK_FIXTURE;
  if (fixture) {
    let text: string;
    try {
      // IT names this file: a link to it is theirs to choose; a FIFO or a device is still refused.
      text = readTextBoundedSync(fixture, { maxBytes: MAX_FIXTURE_BYTES, links: 'follow' });
    } catch (e) {
      throw new Error(`ATTT_SELFCHECK_FIXTURE: ${e instanceof Error ? e.message : String(e)}`);
    }
    // Read, then validated: a malformed recording is a FixtureSpecError (which field, why).
    return new FixtureHost(parseFixtureSpec(text, fixture));
  }
  const admindir = env.ATTT_SELFCHECK_DPKG_ADMINDIR;
  if (admindir) return new SandboxHost({ rewrite: dpkgAdmindirRewrite(admindir) });
  return new RealHost();
}

/**
 * Rewrites dpkg and dpkg-query commands to read (and write) a private database: by bare name or by
 * full path (as root the runner runs programs by full path from the system folders).
 */
export function dpkgAdmindirRewrite(admindir: string): (argv: readonly string[]) => readonly string[] {
  return (argv) => {
    const [cmd = '', ...rest] = argv;
    const name = cmd.slice(cmd.lastIndexOf('/') + 1);
    if (name === 'dpkg-query' || name === 'dpkg') return [cmd, `--admindir=${admindir}`, ...rest];
    return argv;
  };
}
