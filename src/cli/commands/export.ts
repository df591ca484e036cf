import { displayDate } from '../../core/catalog/dates';
import { loadCatalog } from '../../core/catalog/load-catalog';
import type { DescribeBrowserQuery } from '../../core/export/osquery-browsers';
import type { DescribeBrowserCheck } from '../../core/export/wazuh-sca-browsers';
import { osqueryPack, type DescribeQuery, type OsqueryPlatform } from '../../core/export/osquery-pack';
import { SCA_PLATFORMS, scaPolicy, scaYaml, type DescribeCheck, type ScaPlatform } from '../../core/export/wazuh-sca';
import { UsageError } from '../args';
import type { Command } from '../command';

const PLATFORM_NAMES: Readonly<Record<OsqueryPlatform, string>> = { linux: 'Linux', darwin: 'macOS', windows: 'Windows' };

/** `attt-selfcheck export osquery-pack [--lang vi|en]`: the policy's banned apps, then its online apps (informational `notice_…` queries), as an osquery query pack (JSON) on stdout. */
export const exportOsqueryPackCommand: Command = {
  words: ['export', 'osquery-pack'],
  flags: {},
  async run(ctx) {
    const describe: DescribeQuery = (app, platform, _form, table, kind) => {
      const params = { number: ctx.policy.number, point: app.advisoryPoint, app: app.name, id: app.id, platform: PLATFORM_NAMES[platform], form: table };
      const words = kind === 'notice' ? 'cli:osquery.notice' : 'cli:osquery';
      return { description: ctx.t.t(`${words}.description`, params), value: ctx.t.t(`${words}.value`, params) };
    };
    // The browser queries judge with the catalog the check would use (built-in or a newer signed one).
    const inUse = await loadCatalog(ctx.host, { dataDir: ctx.dataDir });
    const describeBrowser: DescribeBrowserQuery = (browser, platform, table, majors) => {
      const params = { number: ctx.policy.number, browser: browser.name, platform: PLATFORM_NAMES[platform], form: table, majors, asOf: displayDate(inUse.catalog.asOf) };
      return { description: ctx.t.t('cli:osquery.browserDescription', params), value: ctx.t.t('cli:osquery.browserValue', params) };
    };
    ctx.io.out(`${JSON.stringify(osqueryPack(ctx.policy, describe, { catalog: inUse.catalog, now: ctx.now(), describe: describeBrowser }), null, 2)}\n`);
    return 0;
  },
};

/** `attt-selfcheck export wazuh-sca --platform linux|darwin|windows [--lang vi|en]`: a Wazuh SCA policy (YAML) on stdout. */
export const exportWazuhScaCommand: Command = {
  words: ['export', 'wazuh-sca'],
  flags: { platform: 'string' },
  async run(ctx) {
    const asked = ctx.args.flags.platform;
    if (asked === undefined) throw new UsageError('cli:error.missingValue', { option: '--platform' });
    if (!(SCA_PLATFORMS as readonly string[]).includes(String(asked))) throw new UsageError('cli:error.badPlatform', { value: String(asked), choices: SCA_PLATFORMS.join(', ') });
    const platform = String(asked) as ScaPlatform;
    const base = { number: ctx.policy.number, platform: PLATFORM_NAMES[platform] };
    const describe: DescribeCheck = (app, form) => {
      const params = { ...base, point: app.advisoryPoint, app: app.name, id: app.id, form: ctx.t.t(`cli:sca.form.${form}`) };
      return { title: ctx.t.t('cli:sca.checkTitle', params), description: ctx.t.t('cli:sca.checkDescription', params), remediation: ctx.t.t('cli:sca.remediation', params) };
    };
    const words = { name: ctx.t.t('cli:sca.name', base), description: ctx.t.t('cli:sca.description', { ...base, title: ctx.policy.title[ctx.t.language] }), requirement: ctx.t.t('cli:sca.requirement', base) };
    const inUse = await loadCatalog(ctx.host, { dataDir: ctx.dataDir });
    const describeBrowser: DescribeBrowserCheck = (browser, majors) => {
      const params = { ...base, browser: browser.name, majors, asOf: displayDate(inUse.catalog.asOf) };
      return { title: ctx.t.t('cli:sca.browserTitle', params), description: ctx.t.t('cli:sca.browserDescription', params), remediation: ctx.t.t('cli:sca.browserRemediation', params) };
    };
    ctx.io.out(scaYaml(scaPolicy(ctx.policy, platform, words, describe, { catalog: inUse.catalog, now: ctx.now(), describe: describeBrowser })));
    return 0;
  },
};
