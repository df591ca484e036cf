/**
 * The machine identity on Windows, read through the Host with one PowerShell CIM query (argv, the System32
 * powershell.exe, no shell), not with systeminformation: that library sets the console's code page (chcp 65001,
 * [Console]::OutputEncoding) while the checks' reg.exe runs read theirs, so their output was decoded wrongly beside
 * it; and the CLI's terminal would keep the changed code page. Each value comes back base64 of its UTF-8 bytes, so no
 * code page can garble it.
 */
import type { MachineField, MachineIdentity } from '../../shared/machine';
import { systemTool } from '../windows/system-tools';
import type { Host } from './host';

/** `field=<base64>` lines: the SMBIOS product (UUID, vendor, name), the BIOS serial, the OS caption, version and build. */
const SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$p = Get-CimInstance -ClassName Win32_ComputerSystemProduct',
  '$b = Get-CimInstance -ClassName Win32_BIOS',
  '$o = Get-CimInstance -ClassName Win32_OperatingSystem',
  "$v = [ordered]@{ systemUuid = $p.UUID; serial = $b.SerialNumber; manufacturer = $p.Vendor; model = $p.Name; osName = $o.Caption; osVersion = $o.Version; osBuild = $o.BuildNumber }",
  "foreach ($k in $v.Keys) { $t = [string]$v[$k]; $k + '=' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($t)) }",
].join('\n');

const FIELDS: ReadonlySet<string> = new Set<MachineField>(['systemUuid', 'serial', 'manufacturer', 'model', 'osName', 'osVersion', 'osBuild']);

/** The identity in the script's output; throws when the output is not the script's. */
export function parseWindowsIdentity(stdout: string): MachineIdentity {
  const id: Partial<Record<MachineField, string>> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^([A-Za-z]+)=([A-Za-z0-9+/]*={0,2})$/.exec(line.trim());
    if (!m || !FIELDS.has(m[1]!)) continue;
    id[m[1] as MachineField] = Buffer.from(m[2]!, 'base64').toString('utf8');
  }
  if (Object.keys(id).length === 0) throw new Error(`PowerShell gave no identity: ${stdout.trim().slice(0, 200) || '(no output)'}`);
  return id;
}

/** Reads it; throws with the reason when PowerShell cannot run or fails (machineOf makes that `unknown`). */
export async function readWindowsMachineIdentity(host: Pick<Host, 'run' | 'env'>): Promise<MachineIdentity> {
  const encoded = Buffer.from(SCRIPT, 'utf16le').toString('base64');
  const r = await host.run([systemTool(host.env, 'powershell'), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded], { timeoutMs: 9_000 });
  if (r.error) throw new Error(`PowerShell could not run: ${r.error.message}`);
  if (r.exitCode !== 0) throw new Error(`PowerShell ended with exit ${r.exitCode}: ${r.stderr.trim().slice(0, 200)}`);
  return parseWindowsIdentity(r.stdout);
}
