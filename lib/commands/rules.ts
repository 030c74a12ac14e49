// The registry as the router reads it at run time: each command's kind and reply rules, from the
// generated table (one small module; the definitions themselves, with their schemas and examples,
// are for the generator, the testing helpers and the CLI).
import type { CommandRules } from './define.js';
import { COMMAND_RULES } from '../generated/rules.js';

/** Each command's rules by its `CallbackCommand`. */
export const RULES_BY_COMMAND: ReadonlyMap<string, CommandRules> = new Map(
  COMMAND_RULES.map((rules) => [rules.command, rules as CommandRules]),
);

/** Every command of the registry, in its order. */
export const COMMANDS: readonly string[] = COMMAND_RULES.map((rules) => rules.command);

/** The families of the registry's commands (`C2C`, `Group`, `OfficialAccount`…). */
export const FAMILIES: readonly string[] = [
  ...new Set(COMMANDS.map((command) => command.slice(0, command.indexOf('.')))),
];

/** The rules of a command the package relies on by name; a missing one is a bug of the registry. */
export function rulesOf<Kind extends CommandRules['kind']>(
  command: string,
  kind: Kind,
): Extract<CommandRules, { kind: Kind }> {
  const rules = RULES_BY_COMMAND.get(command);
  if (rules?.kind !== kind) throw new Error(`the registry has no ${kind} ${command}`);
  return rules as Extract<CommandRules, { kind: Kind }>;
}
