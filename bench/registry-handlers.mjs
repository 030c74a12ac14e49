// A handler for every command of the package's command registry, of the shape its kind takes, as
// an app answering its whole callback URL would register them. Gates allow, reply-data handlers
// answer a string, notifications do nothing. Shared by the router servers (bench/server-variants.mjs)
// and the cold-start processes (bench/cold-start-process.mjs); it imports nothing, so loading it
// costs a cold-start process next to nothing.

/** The family the router knew before the registry: the cold-start part compares it with all of them. */
export const OFFICIAL_ACCOUNT_FAMILY = 'OfficialAccount';

/** A handler for a command of `kind` (a kind of the registry's definitions). */
export function handlerForKind(kind, command) {
  switch (kind) {
    // decide(event) for message and action gates, decide(member) for list gates, decide(target)
    // for target gates: each allows.
    case 'message-gate':
    case 'action-gate':
    case 'list-gate':
    case 'target-gate':
      return { decide: () => true };
    case 'reply-data':
      return () => 'bench';
    case 'notification':
      return () => undefined;
    default:
      throw new Error(`bench: ${command} has kind ${JSON.stringify(kind)}, which the bench has no handler for`);
  }
}

/** `on` for callbackRouter: a handler for each `{ command, kind }`. */
export function handlersFor(commands) {
  return Object.fromEntries(commands.map(({ command, kind }) => [command, handlerForKind(kind, command)]));
}

/** `{ command, kind }` of every definition of a loaded registry (`cjs/commands/index.js`), in its order. */
export function commandsOf(registry) {
  const definitions = registry?.DEFINITIONS;
  if (!Array.isArray(definitions) || definitions.length === 0) {
    throw new Error('bench: the registry of the package under test has no DEFINITIONS');
  }
  return definitions.map(({ command, kind }) => ({ command, kind }));
}

/** The commands of one family (`OfficialAccount`, `C2C`…). */
export function commandsOfFamily(commands, family) {
  return commands.filter(({ command }) => command.startsWith(`${family}.`));
}
