// The registry's definitions, whole: for the generator's checks, the testing helpers, the CLI and the
// tests. The router reads only their rules (./rules.ts).
import type { CommandDefinition } from './define.js';
import * as registry from './registry.js';

/** Every definition of the registry, in its order. */
export const DEFINITIONS: readonly CommandDefinition[] = Object.values(registry);

/** Each definition by its `CallbackCommand`. */
export const DEFINITION_BY_COMMAND: ReadonlyMap<string, CommandDefinition> = new Map(
  DEFINITIONS.map((definition) => [definition.command, definition]),
);

export { FAMILIES } from './rules.js';

/** The definition of a command relied on by name; a missing one is a bug of the registry. */
export function definitionOf<Kind extends CommandDefinition['kind']>(
  command: string,
  kind: Kind,
): Extract<CommandDefinition, { kind: Kind }> {
  const definition = DEFINITION_BY_COMMAND.get(command);
  if (definition?.kind !== kind) throw new Error(`the registry has no ${kind} ${command}`);
  return definition as Extract<CommandDefinition, { kind: Kind }>;
}
