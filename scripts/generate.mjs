// Derives what the command registry (lib/commands/registry.ts) implies, so that a command is one
// file of data: lib/generated/events.ts (each command's event type and the map of events),
// lib/generated/commands.ts (the commands of each kind and the handler of each key of `on`),
// lib/generated/rules.ts (each command's kind and reply rules, what the router reads at run time),
// lib/generated/validators.ts (every schema compiled ahead of time by ajv's standalone code), and the
// docs generated between `<!-- generated: <name> -->` markers (scripts/generate/docs.mjs: the
// README's table by kind, docs/options.md's, docs/callbacks.md's index and the reference of each
// family in docs/commands/). The output is committed; `npm run generate` rewrites it, and
// `node scripts/generate.mjs --check` (run by the test suite) fails when any of it is stale.
//
// `node scripts/generate.mjs --files lib/commands/c2c/*.ts` checks definitions that are not in the
// registry yet and prints the event types they give: for whoever writes a new command.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { loadCommandModules } from './generate/load.mjs';
import { checkDefinition } from './generate/check.mjs';
import { eventsModule } from './generate/events.mjs';
import { commandsModule } from './generate/handlers.mjs';
import { docsRegions, spliceRegions } from './generate/docs.mjs';
import { rulesModule } from './generate/rules.mjs';
import { validatorsModule } from './generate/validators.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const filesAt = args.indexOf('--files');

/** The text as prettier writes it with the repository's settings, so the lint step agrees with it. */
async function formatted(file, text) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

function readOrUndefined(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A Markdown file with each generated region formatted and put between its markers; the rest kept. */
async function withRegions(file, { regions, skeleton }) {
  const current = readOrUndefined(file) ?? skeleton;
  if (current === undefined) fail([`${path.relative(root, file)} is missing; it holds generated regions`]);
  const texts = {};
  for (const [name, text] of Object.entries(regions)) texts[name] = await formatted(file, text);
  try {
    return spliceRegions(current, texts, path.relative(root, file));
  } catch (error) {
    return fail([error.message]);
  }
}

function fail(problems) {
  for (const problem of problems) console.error(`generate: ${problem}`);
  process.exit(1);
}

// A family's shared.ts holds schema pieces, not a definition.
const extraFiles = filesAt === -1 ? [] : args.slice(filesAt + 1).filter((file) => !/(^|\/)shared[^/]*\.ts$/.test(file));
const { registry, shared, byFile } = loadCommandModules(root, extraFiles);

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

const generated = {
  'lib/generated/events.ts': eventsModule(definitions),
  'lib/generated/commands.ts': commandsModule(definitions),
  'lib/generated/rules.ts': rulesModule(definitions),
};
const outputs = new Map();
for (const [relative, text] of Object.entries(generated)) {
  const file = path.join(root, relative);
  outputs.set(file, await formatted(file, text));
}
// ajv's code as it writes it (too large for prettier to be worth its time; the lint steps skip it).
outputs.set(
  path.join(root, 'lib/generated/validators.ts'),
  validatorsModule(definitions, { validate_msgBody: shared.msgBody, validate_generic: shared.genericEvent }),
);
for (const [relative, docs] of Object.entries(docsRegions(definitions))) {
  const file = path.join(root, relative);
  outputs.set(file, await withRegions(file, docs));
}

let stale = 0;
for (const [file, text] of outputs) {
  if (readOrUndefined(file) === text) continue;
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
