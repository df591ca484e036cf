/**
 * Run and RunOnce values that start the app at logon (per user, per machine, and the 32-bit view of the
 * machine's), recognised by the program their command starts, never by the value's name.
 */
import type { Message } from '../../../../shared/finding';
import type { BannedApp } from '../../../policy/policy-schema';
import type { Host } from '../../../host/host';
import { findKey, queryKey, shortKeyPath, type RegValue } from '../../../windows/reg-query';
import { existsFollowing } from '../program-exists';
import { lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { appProgramOfCommand } from './shortcut-match';

const CV = 'Microsoft\\Windows\\CurrentVersion';
/** The logon start lists. */
export const RUN_KEYS: readonly string[] = [
  `HKEY_CURRENT_USER\\Software\\${CV}\\Run`,
  `HKEY_CURRENT_USER\\Software\\${CV}\\RunOnce`,
  `HKEY_LOCAL_MACHINE\\SOFTWARE\\${CV}\\Run`,
  `HKEY_LOCAL_MACHINE\\SOFTWARE\\${CV}\\RunOnce`,
  `HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\${CV}\\Run`,
];

async function runHit(host: Host, app: BannedApp, key: string, v: RegValue & { data: string }, program: string): Promise<Hit> {
  const runs = await existsFollowing(host, program);
  const short = shortKeyPath(key);
  return {
    kind: runs ? 'installed' : 'leftover',
    install: `run-value:${short}\\${v.name}`,
    source: short,
    remediation: 'remove.run-value',
    title: { key: `bannedApp:form.run-value.${runs ? 'runs' : 'leftover'}`, params: { app: app.name } },
    evidence: {
      kind: 'launcher',
      detail: `${short}: ${v.name} = ${v.data}`,
      label: { key: 'bannedApp:evidence.runValue', params: { name: v.name, program } },
      data: { form: 'run-value', key: short, valueName: v.name, command: v.data, program, runs: runs ? '1' : '0' },
    },
  };
}

/** Run/RunOnce values whose command starts the app. */
export const runValuesProbe: Probe = {
  id: 'windows.run-values',
  async run(ctx, app) {
    if (app.windows.profileExecutables.length + app.windows.programFilesExecutables.length === 0) return notApplicable('no executables in the policy');
    const hits: Hit[] = [];
    const failures: Message[] = [];
    for (const key of RUN_KEYS) {
      const r = await queryKey(ctx.host, key, { view: 64 });
      if (!r.ok) {
        failures.push(r.reason);
        continue;
      }
      for (const v of findKey(r.keys, key)?.values ?? []) {
        if (v.type !== 'REG_SZ' && v.type !== 'REG_EXPAND_SZ') continue;
        const program = appProgramOfCommand(ctx.host, app, v.data);
        if (program) hits.push(await runHit(ctx.host, app, key, v, program));
      }
    }
    const looked = lookedAt(RUN_KEYS.map(shortKeyPath));
    if (hits.length > 0 || failures.length === 0) return ran(looked, hits);
    return { status: 'unknown', looked, reason: failures[0]! };
  },
};
