// Derives what the command registry (lib/commands/registry.ts) implies, so that a command is one
// file of data: lib/generated/events.ts (each command's event type, the map of events and the map
// of handlers). The output is committed; `npm run generate` rewrites it, and
// `node scripts/generate.mjs --check` (run by the test suite) fails when it is stale.
//
// `node scripts/generate.mjs --files lib/commands/c2c/*.ts` checks definitions that are not in the
// registry yet and prints the event types they give: for whoever writes a new command.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { loadCommandModules } from './generate/load.mjs';
import { checkDefinition } from './generate/check.mjs';
import { eventsModule } from './generate/events.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const filesAt = args.indexOf('--files');

/** The text as prettier writes it with the repository's settings, so the lint step agrees with it. */
async function formatted(file, text) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

function fail(problems) {
  for (const problem of problems) console.error(`generate: ${problem}`);
  process.exit(1);
}

// A family's shared.ts holds schema pieces, not a definition.
const extraFiles = filesAt === -1 ? [] : args.slice(filesAt + 1).filter((file) => !/(^|\/)shared[^/]*\.ts$/.test(file));
const { registry, byFile } = loadCommandModules(root, extraFiles);

if (filesAt !== -1) {
  const definitions = [...byFile.values()];
  const problems = definitions.flatMap((definition) => checkDefinition(definition));
  if (problems.length > 0) fail(problems);
  process.stdout.write(await formatted(path.join(root, 'lib/generated/events.ts'), eventsModule(definitions)));
  console.error(`generate: ${definitions.length} definition(s) checked`);
  process.exit(0);
}

const definitions = Object.values(registry);
const problems = definitions.flatMap((definition) => checkDefinition(definition));
const commands = definitions.map((definition) => definition.command);
for (const command of new Set(commands)) {
  if (commands.indexOf(command) !== commands.lastIndexOf(command)) problems.push(`${command} is in the registry twice`);
}
if (problems.length > 0) fail(problems);

const eventsFile = path.join(root, 'lib/generated/events.ts');
const outputs = new Map([[eventsFile, await formatted(eventsFile, eventsModule(definitions))]]);

let stale = 0;
for (const [file, text] of outputs) {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    stale += 1;
    console.error(`generate: ${path.relative(root, file)} is stale; run npm run generate and commit it`);
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`generate: wrote ${path.relative(root, file)}`);
  }
}
if (stale > 0) process.exit(1);
if (check) console.log(`generate: ${outputs.size} file(s) up to date for ${definitions.length} commands`);
