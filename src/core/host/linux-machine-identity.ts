/**
 * The machine identity on Linux, read through the Host from the files the kernel exports, not with
 * systeminformation: that library runs a dozen shell commands for it (dmidecode, `hostname -f`, `ip link`, a dmesg
 * pipeline), several synchronously, which stalled the check's event loop beside its probes. The kernel's DMI files
 * are the SMBIOS values dmidecode prints (the UUID and serial readable by root only, mode 0400); boards without
 * SMBIOS (ARM, a Raspberry Pi) name their model in the device tree; the OS is os-release's.
 */
import type { MachineField, MachineIdentity } from '../../shared/machine';
import { osReleaseVars } from '../text/os-release-vars';
import type { Host } from './host';

/** The kernel's SMBIOS (DMI) values, one file each (a link into /sys/devices/virtual/dmi/id). */
export const DMI_DIR = '/sys/class/dmi/id';
/** The device tree of a board without SMBIOS: its model and serial, NUL-terminated. */
export const DEVICE_TREE_DIR = '/sys/firmware/devicetree/base';
const OS_RELEASE = ['/etc/os-release', '/usr/lib/os-release'];

/** A file's text, or undefined when it cannot be read (absent, root only, not a file): the fact is then unread. */
async function text(host: Pick<Host, 'readText'>, path: string): Promise<string | undefined> {
  try {
    return await host.readText(path, { maxBytes: 4096, links: 'follow' });
  } catch {
    return undefined;
  }
}

/** The OS version as a person names it: PRETTY_NAME without the name and the code name ("12", "24.04.1 LTS"). */
export function osVersionOf(vars: Readonly<Record<string, string>>): string | undefined {
  const name = vars.NAME ?? '';
  const pretty = vars.PRETTY_NAME ?? '';
  const version = name && pretty.startsWith(`${name} `) ? pretty.slice(name.length + 1) : (vars.VERSION ?? '');
  return version.split('(')[0]!.trim() || vars.VERSION_ID || undefined;
}

/** The first os-release that can be read, as its variables. */
async function osRelease(host: Pick<Host, 'readText'>): Promise<Readonly<Record<string, string>>> {
  for (const path of OS_RELEASE) {
    const t = await text(host, path);
    if (t !== undefined) return osReleaseVars(t);
  }
  return {};
}

/** Reads it; each fact that cannot be read is absent (machineOf names it unread, or unknown when none is). */
export async function readLinuxMachineIdentity(host: Pick<Host, 'readText'>): Promise<MachineIdentity> {
  const [uuid, serial, vendor, product, boardModel, boardSerial, os] = await Promise.all([
    text(host, `${DMI_DIR}/product_uuid`),
    text(host, `${DMI_DIR}/product_serial`),
    text(host, `${DMI_DIR}/sys_vendor`),
    text(host, `${DMI_DIR}/product_name`),
    text(host, `${DEVICE_TREE_DIR}/model`),
    text(host, `${DEVICE_TREE_DIR}/serial-number`),
    osRelease(host),
  ]);
  // Raw as read (a line break, the device tree's NUL): cleanIdentity, in machineOf, makes each safe or unread.
  const raw: Record<MachineField, string | undefined> = {
    systemUuid: uuid,
    serial: serial ?? boardSerial,
    manufacturer: vendor,
    model: product ?? boardModel,
    osName: os.NAME,
    osVersion: osVersionOf(os),
    osBuild: os.BUILD_ID,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as MachineIdentity;
}
