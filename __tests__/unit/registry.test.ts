// The command registry as data: every command once, each example valid against its own schema, and
// the generated files up to date with it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Ajv from 'ajv';
import * as registry from '../../lib/commands/registry';
import type { CommandDefinition } from '../../lib/commands/define';

const definitions: CommandDefinition[] = Object.values(registry);
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });

describe('the command registry', () => {
  it('lists the 61 commands Tencent sends to the callback URL, each once', () => {
    const commands = definitions.map((definition) => definition.command);
    expect(commands).toHaveLength(61);
    expect(new Set(commands).size).toBe(61);
  });

  it.each(definitions.map((definition) => [definition.command, definition] as const))(
    "accepts Tencent's example of %s with its schema",
    (_command, definition) => {
      const validate = ajv.compile(definition.schema);
      expect(validate(structuredClone(definition.example))).toBe(true);
      expect(validate.errors ?? null).toBeNull();
    },
  );

  it('has the generated files up to date (npm run generate)', () => {
    const root = path.resolve(__dirname, '../..');
    const output = execFileSync(process.execPath, [path.join(root, 'scripts/generate.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output).toMatch(/up to date for 61 commands/);
  });
});
