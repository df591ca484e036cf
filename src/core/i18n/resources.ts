import enBannedApp from '../../../locales/en/bannedApp.json';
import enCli from '../../../locales/en/cli.json';
import enCommon from '../../../locales/en/common.json';
import enFix from '../../../locales/en/fix.json';
import enInstallerOrigin from '../../../locales/en/installerOrigin.json';
import enPatch from '../../../locales/en/patch.json';
import enOnlineApp from '../../../locales/en/onlineApp.json';
import enPolicy from '../../../locales/en/policy.json';
import viBannedApp from '../../../locales/vi/bannedApp.json';
import viCli from '../../../locales/vi/cli.json';
import viCommon from '../../../locales/vi/common.json';
import viFix from '../../../locales/vi/fix.json';
import viInstallerOrigin from '../../../locales/vi/installerOrigin.json';
import viPatch from '../../../locales/vi/patch.json';
import viOnlineApp from '../../../locales/vi/onlineApp.json';
import viPolicy from '../../../locales/vi/policy.json';

/** Languages we ship; Vietnamese first. */
export const LANGUAGES = ['vi', 'en'] as const;
/** One of the shipped languages. */
export type Language = (typeof LANGUAGES)[number];

/** Namespaces used by core findings and the CLI (the renderer adds `ui`). */
export const NAMESPACES = ['common', 'bannedApp', 'patch', 'fix', 'cli', 'policy', 'onlineApp', 'installerOrigin'] as const;

/** All core/CLI strings, bundled so that the CLI works offline as a single file. */
export const resources = {
  vi: { common: viCommon, bannedApp: viBannedApp, patch: viPatch, fix: viFix, cli: viCli, policy: viPolicy, onlineApp: viOnlineApp, installerOrigin: viInstallerOrigin },
  en: { common: enCommon, bannedApp: enBannedApp, patch: enPatch, fix: enFix, cli: enCli, policy: enPolicy, onlineApp: enOnlineApp, installerOrigin: enInstallerOrigin },
} as const;

/** Narrows a string to a Language. */
export function isLanguage(s: string): s is Language {
  return (LANGUAGES as readonly string[]).includes(s);
}
