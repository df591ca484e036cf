/** What identifies a PC in a fleet tool, beyond its host name (which offices reuse): the report's `machine` section. */

/** The facts read, each absent when it could not be read. */
export interface MachineIdentity {
  /** The firmware's (SMBIOS) system UUID, upper case: the `uuid` osquery and Fleet identify the host by. */
  readonly systemUuid?: string;
  /** The maker's serial number. */
  readonly serial?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  /** The OS's name, e.g. "Microsoft Windows 11 Pro", "Debian GNU/Linux", "macOS". */
  readonly osName?: string;
  /** The OS's version, e.g. "10.0.22631", "12", "14.5". */
  readonly osVersion?: string;
  /** The OS's build, e.g. "22631" (Windows), "23F79" (macOS); Linux has none. */
  readonly osBuild?: string;
}

/** The facts of MachineIdentity, in the order reports list them. */
export const MACHINE_FIELDS = ['systemUuid', 'serial', 'manufacturer', 'model', 'osName', 'osVersion', 'osBuild'] as const;
/** One of MACHINE_FIELDS. */
export type MachineField = (typeof MACHINE_FIELDS)[number];

/**
 * The report's machine section: what was read (and which facts were not, with why), or `unknown` with the
 * reason when nothing could be read (a time-out, a recorded machine, a failure of the probe).
 */
export type ReportMachine =
  | (MachineIdentity & { readonly state: 'known'; readonly unread: readonly MachineField[]; readonly unreadReason?: string })
  | { readonly state: 'unknown'; readonly reason: string };
