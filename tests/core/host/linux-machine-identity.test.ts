/**
 * The Linux machine identity, read through the Host from the kernel's DMI files, the device tree and os-release,
 * laid out as a real machine has them (a laptop as root, the same as a user who may not read the UUID and serial,
 * a Raspberry Pi, a container with no firmware tables), and never by running a command.
 */
import { describe, expect, it } from 'vitest';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { DEVICE_TREE_DIR, DMI_DIR, osVersionOf, readLinuxMachineIdentity } from '../../../src/core/host/linux-machine-identity';
import { machineOf } from '../../../src/core/host/machine-identity';
import { RealHost } from '../../../src/core/host/real-host';
import { osReleaseVars } from '../../../src/core/text/os-release-vars';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';
const UBUNTU = 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n';

/** A recorded machine laid out as `files` that reads its identity as RealHost does on Linux, and records any command run. */
function machine(files: Record<string, FixtureNode>): Host & { commands: string[][] } {
  const h = new FixtureHost({ platform: 'linux', homedir: '/home/an', files });
  const commands: string[][] = [];
  const run = h.run.bind(h);
  return Object.assign(h, { commands, run: (argv: readonly string[]) => (commands.push([...argv]), run(argv)), machineIdentity: () => readLinuxMachineIdentity(h) });
}

/** A ThinkPad's DMI files (each a line, as the kernel writes them); uuid and serial only when `root`. */
function thinkpad(root: boolean): Record<string, FixtureNode> {
  const denied: FixtureNode = { type: 'error', code: 'permission' };
  return {
    [`${DMI_DIR}/sys_vendor`]: 'LENOVO\n',
    [`${DMI_DIR}/product_name`]: '20XW0055VN\n',
    [`${DMI_DIR}/product_uuid`]: root ? 'a1b2c3d4-0000-1111-2222-333344445555\n' : denied,
    [`${DMI_DIR}/product_serial`]: root ? 'PF2ABCDE\n' : denied,
    '/etc/os-release': UBUNTU,
  };
}

describe('readLinuxMachineIdentity', () => {
  it("as root: the firmware's UUID (upper case), serial, maker and model, and the OS by os-release; no command run", async () => {
    const host = machine(thinkpad(true));
    expect(await machineOf(host)).toEqual({ state: 'known', systemUuid: 'A1B2C3D4-0000-1111-2222-333344445555', serial: 'PF2ABCDE', manufacturer: 'LENOVO', model: '20XW0055VN', osName: 'Ubuntu', osVersion: '24.04.1 LTS', unread: ['osBuild'], unreadReason: expect.stringMatching(/administrator/) });
    expect(host.commands).toEqual([]);
  });

  it('as a user: the UUID and serial (root only) are unread, the rest is read', async () => {
    expect(await machineOf(machine(thinkpad(false)))).toMatchObject({ state: 'known', manufacturer: 'LENOVO', model: '20XW0055VN', unread: ['systemUuid', 'serial', 'osBuild'] });
  });

  it('a board without SMBIOS (a Raspberry Pi) names its model and serial in the device tree, NUL-terminated', async () => {
    const id = await machineOf(machine({ [`${DEVICE_TREE_DIR}/model`]: 'Raspberry Pi 4 Model B Rev 1.4\0', [`${DEVICE_TREE_DIR}/serial-number`]: '10000000abcdef01\0', '/usr/lib/os-release': DEBIAN }));
    expect(id).toMatchObject({ state: 'known', model: 'Raspberry Pi 4 Model B Rev 1.4', serial: '10000000abcdef01', osName: 'Debian GNU/Linux', osVersion: '12', unread: ['systemUuid', 'manufacturer', 'osBuild'] });
  });

  it('firmware placeholders count as unread; a container with no firmware tables has the OS only', async () => {
    const oem = { ...thinkpad(true), [`${DMI_DIR}/product_serial`]: 'To Be Filled By O.E.M.\n', [`${DMI_DIR}/product_uuid`]: '03000200-0400-0500-0006-000700080009\n' };
    expect(await machineOf(machine(oem))).toMatchObject({ systemUuid: '03000200-0400-0500-0006-000700080009', unread: ['serial', 'osBuild'] });
    expect(await machineOf(machine({ '/etc/os-release': DEBIAN }))).toMatchObject({ state: 'known', osName: 'Debian GNU/Linux', osVersion: '12', unread: ['systemUuid', 'serial', 'manufacturer', 'model', 'osBuild'] });
  });

  it('nothing readable at all (no os-release, no firmware files) is unknown with the reason', async () => {
    expect(await machineOf(machine({}))).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/nothing could be read/) });
  });

  it('a hostile os-release (control characters, an overlong value) never reaches the report raw', async () => {
    const id = await readLinuxMachineIdentity(machine({ '/etc/os-release': `NAME="Evil\u001b[31m | ok=1"\nPRETTY_NAME="${'x'.repeat(300)}"\nVERSION_ID=1\nBUILD_ID=b-7\n` }));
    expect(id).toEqual({ osName: 'Evil\u001b[31m | ok=1', osVersion: '1', osBuild: 'b-7' });
    expect(await machineOf(machine({ '/etc/os-release': `NAME="Evil\u001b[31m | ok=1"\nVERSION_ID=1\n` }))).toMatchObject({ osName: 'Evil [31m | ok=1', osVersion: '1' });
  });
});

describe('osVersionOf', () => {
  it('is the version as a person names it, as systeminformation gave it before', () => {
    expect(osVersionOf(osReleaseVars(DEBIAN))).toBe('12');
    expect(osVersionOf(osReleaseVars(UBUNTU))).toBe('24.04.1 LTS');
    expect(osVersionOf(osReleaseVars('NAME="Fedora Linux"\nPRETTY_NAME="Fedora Linux 40 (Workstation Edition)"\nVERSION_ID=40\n'))).toBe('40');
    expect(osVersionOf(osReleaseVars('NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nBUILD_ID=rolling\n'))).toBeUndefined();
  });
});

describe.runIf(process.platform === 'linux')('RealHost on Linux', () => {
  it('reads the identity from the files, the same facts as readLinuxMachineIdentity on this machine', async () => {
    const real = new RealHost();
    expect(await real.machineIdentity()).toEqual(await readLinuxMachineIdentity(real));
  });
});
