/** Every `ferry` command, in the order `ferry --help` lists them. */
import type { Command } from '../command.js';

export const COMMANDS: readonly Command[] = [];
