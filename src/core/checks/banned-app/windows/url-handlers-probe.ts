/**
 * The app's URL schemes (`urlSchemes`) still registered as protocol handlers under
 * HKCU\Software\Classes and HKLM\Software\Classes: a meeting link then still starts the app, or a
 * prompt to reinstall it. Its command must start one of the app's programs for the key to be removed.
 */
import type { Message } from '../../../../shared/finding';
import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { findKey, queryKey, shortKeyPath } from '../../../windows/reg-query';
import { existsFollowing } from '../program-exists';
import { lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { defaultText } from './registry-text';
import { appProgramOfCommand } from './shortcut-match';

/** Where per-user and per-machine classes live. */
const CLASS_ROOTS: readonly string[] = ['HKEY_CURRENT_USER\\Software\\Classes', 'HKEY_LOCAL_MACHINE\\Software\\Classes'];

async function handlerHit(host: Host, app: BannedApp, root: string, scheme: string, command: string | undefined): Promise<Hit> {
  const key = shortKeyPath(`${root}\\${scheme}`);
  const program = command ? appProgramOfCommand(host, app, command) : undefined;
  const runs = program ? await existsFollowing(host, program) : false;
  return {
    kind: runs ? 'installed' : 'leftover',
    install: `url-handler:${shortKeyPath(root)}`,
    source: key,
    remediation: 'remove.handler',
    title: { key: `bannedApp:form.url-handler`, params: { app: app.name } },
    evidence: {
      kind: 'url-handler',
      path: key,
      detail: `${key}\\shell\\open\\command = ${command ?? '(none)'}`,
      label: command ? { key: 'bannedApp:evidence.protocolKey', params: { scheme, command } } : { key: 'bannedApp:evidence.protocolKeyEmpty', params: { scheme } },
      data: { form: 'registry', key, scheme, runs: runs ? '1' : '0', ...(command ? { command } : {}), ...(program ? { program } : {}) },
    },
  };
}

/** Protocol handler keys of the app's schemes, per user and per machine. */
export const windowsUrlHandlersProbe: Probe = {
  id: 'windows.url-handlers',
  async run(ctx, app) {
    if (app.urlSchemes.length === 0) return notApplicable('no URL schemes in the policy');
    const hits: Hit[] = [];
    const failures: Message[] = [];
    const looked: string[] = [];
    for (const root of CLASS_ROOTS) {
      for (const scheme of app.urlSchemes) {
        const key = `${root}\\${scheme}`;
        looked.push(shortKeyPath(key));
        const r = await queryKey(ctx.host, key, { recursive: true, view: 64 });
        if (!r.ok) {
          failures.push(r.reason);
          continue;
        }
        if (!r.exists) continue;
        hits.push(await handlerHit(ctx.host, app, root, scheme, defaultText(findKey(r.keys, `${key}\\shell\\open\\command`))));
      }
    }
    if (hits.length > 0 || failures.length === 0) return ran(lookedAt(looked), hits);
    return { status: 'unknown', looked: lookedAt(looked), reason: failures[0]! };
  },
};
