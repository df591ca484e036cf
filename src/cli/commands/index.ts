import type { Command } from '../command';
import { checkCommand } from './check';

/** Every CLI command; the first is the default. */
export const COMMANDS: readonly Command[] = [checkCommand];
