import type { Command } from '../context.ts';
import * as ask from './ask.ts';
import * as help from './help.ts';
import * as sources from './sources.ts';
import * as who from './who.ts';

/** Every slash command, by name. Add a module here to add a command. */
export const commands: ReadonlyMap<string, Command> = new Map([ask, who, sources, help].map((c) => [c.data.name, c as Command]));

export function commandDefinitions() {
  return [...commands.values()].map((c) => c.data.toJSON());
}
