// How the testing helpers and the command line tool find a command in the registry, and name the
// closest one when a command of a known family is misspelt (as callbackRouter does for keys of `on`).
import { closest } from '../commands/closest.js';
import type { CommandDefinition } from '../commands/define.js';
import { DEFINITION_BY_COMMAND, DEFINITIONS, FAMILIES } from '../commands/index.js';

/** What the registry says of a command. */
export type CommandLookup =
  /** One of the registry's commands. */
  | { readonly status: 'known'; readonly definition: CommandDefinition }
  /** Not a command of the registry, but of one of its families: a typo, most likely. */
  | { readonly status: 'typo'; readonly family: string; readonly closest: string }
  /** A command of a family the registry does not know. */
  | { readonly status: 'unknown' };

/** The family of a command: what comes before its first dot. */
function familyOf(command: string): string {
  const dot = command.indexOf('.');
  return dot === -1 ? command : command.slice(0, dot);
}

/** Looks a command up in the registry; families are matched without regard to case, as the router does. */
export function lookUpCommand(command: string): CommandLookup {
  const definition = DEFINITION_BY_COMMAND.get(command);
  if (definition) return { status: 'known', definition };
  const family = familyOf(command).toLowerCase();
  const knownFamily = FAMILIES.find((each) => each.toLowerCase() === family);
  if (knownFamily === undefined) return { status: 'unknown' };
  const commands = DEFINITIONS.map((each) => each.command).filter((each) => familyOf(each) === knownFamily);
  // A known family has at least one command, so there is always a closest one.
  return { status: 'typo', family: knownFamily, closest: closest(command, commands) as string };
}

/** The sentence a typo is reported with, e.g. `Group.CallbackBeforeSendMgs is not a command of Group: did you mean …?` */
export function typoMessage(command: string, lookup: Extract<CommandLookup, { status: 'typo' }>): string {
  return `${command} is not a command of ${lookup.family}: did you mean ${lookup.closest}?`;
}
