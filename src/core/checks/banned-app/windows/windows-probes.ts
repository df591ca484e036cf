import { browserExtensionProbes } from '../browser-extensions';
import { otherProfilesWebAppsProbe, webAppsProbe } from '../web-apps';
import type { Probe } from '../probe';
import { currentProfileExecutableProbe, otherProfilesExecutableProbe, programFilesExecutableProbe } from './executable-probes';
import { msixProbe } from './msix-probe';
import { processProbe } from './process-probe';
import { currentUserInstallersProbe, currentUserLeftoversProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe } from './profile-folder-probes';
import { runValuesProbe } from './run-values-probe';
import { shortcutsProbe } from './shortcuts-probe';
import { windowsUrlHandlersProbe } from './url-handlers-probe';
import { currentUserUninstallProbe, machineUninstallProbe, machineWow64UninstallProbe, otherUsersUninstallProbe } from './uninstall-probes';

/** Every probe for banned apps on this platform. */
export const windowsProbes: readonly Probe[] = [
  machineUninstallProbe,
  machineWow64UninstallProbe,
  currentUserUninstallProbe,
  otherUsersUninstallProbe,
  currentProfileExecutableProbe,
  otherProfilesExecutableProbe,
  programFilesExecutableProbe,
  msixProbe,
  processProbe,
  windowsUrlHandlersProbe,
  runValuesProbe,
  shortcutsProbe,
  currentUserInstallersProbe,
  otherUsersInstallersProbe,
  currentUserLeftoversProbe,
  otherUsersLeftoversProbe,
  ...browserExtensionProbes,
  webAppsProbe,
  otherProfilesWebAppsProbe,
];
