import type { Command } from '../command';
import { catalogShowCommand } from './catalog';
import { checkCommand } from './check';
import { exportOsqueryPackCommand, exportWazuhScaCommand } from './export';
import { fixCommand } from './fix';
import { historyCommand } from './history';
import { policyShowCommand, policySignCommand } from './policy';

/** Every CLI command; the first is the default. */
export const COMMANDS: readonly Command[] = [checkCommand, fixCommand, historyCommand, catalogShowCommand, exportOsqueryPackCommand, exportWazuhScaCommand, policyShowCommand, policySignCommand];
