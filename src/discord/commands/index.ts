import type { Command, Component, MessageMenuCommand } from '../context.ts';
import * as add from './add.ts';
import * as ask from './ask.ts';
import * as check from './check.ts';
import * as help from './help.ts';
import * as reindex from './reindex.ts';
import * as sources from './sources.ts';
import * as who from './who.ts';
import { more } from '../components/more.ts';
import { vote } from '../components/vote.ts';
import { paragraph } from '../components/paragraph.ts';
import { whoPick } from '../components/who.ts';
import { sourcesPage } from '../components/sources.ts';

/** Every slash command, by name. Add a module here to add a command. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, who, sources, help, reindex, add].map((c) => [c.data.name, c as Command]),
);

/** Message context-menu commands, by name. */
export const messageMenus: ReadonlyMap<string, MessageMenuCommand> = new Map(
  [check].map((c) => [c.data.name, c as MessageMenuCommand]),
);

/** Buttons and select menus; the first whose `parse` accepts a custom id handles it. */
export const components: ReadonlyArray<Component<any>> = [more, vote, paragraph, whoPick, sourcesPage];

export function commandDefinitions() {
  return [
    ...[...commands.values()].map((c) => c.data.toJSON()),
    ...[...messageMenus.values()].map((c) => c.data.toJSON()),
  ];
}
