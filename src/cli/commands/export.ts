import { osqueryPack, type DescribeQuery, type OsqueryPlatform } from '../../core/export/osquery-pack';
import type { Command } from '../command';

const PLATFORM_NAMES: Readonly<Record<OsqueryPlatform, string>> = { linux: 'Linux', darwin: 'macOS', windows: 'Windows' };

/** `attt-selfcheck export osquery-pack [--lang vi|en]`: the policy's banned apps as an osquery query pack (JSON) on stdout. */
export const exportOsqueryPackCommand: Command = {
  words: ['export', 'osquery-pack'],
  flags: {},
  async run(ctx) {
    const describe: DescribeQuery = (app, platform, form) => {
      const params = { number: ctx.policy.number, point: app.advisoryPoint, app: app.name, id: app.id, platform: PLATFORM_NAMES[platform], form };
      return { description: ctx.t.t('cli:osquery.description', params), value: ctx.t.t('cli:osquery.value', params) };
    };
    ctx.io.out(`${JSON.stringify(osqueryPack(ctx.policy, describe), null, 2)}\n`);
    return 0;
  },
};
