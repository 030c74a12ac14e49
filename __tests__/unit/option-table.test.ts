// The option tables are the one home of each option's name and default: the TSDoc of every option
// in the public interfaces must state the same default (or say the option is required).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BEFORE_ADD_SUBSCRIBER_OPTIONS,
  GATE_OPTIONS,
  LIST_GATE_OPTIONS,
  ROUTER_OPTIONS,
  SHARED_OPTIONS,
  TARGET_GATE_OPTIONS,
} from '../../lib/engine/option-table';

const source = (file: string): string => readFileSync(path.resolve(__dirname, '../../lib', file), 'utf8');

/** The TSDoc of each member of the interfaces named, by member name, from `export interface Name … {` to its `}`. */
function memberDocs(text: string, interfaces: readonly string[]): Map<string, string> {
  const docs = new Map<string, string>();
  for (const name of interfaces) {
    const start = text.search(new RegExp(`export interface ${name}\\b[^{]*\\{`));
    if (start === -1) throw new Error(`no interface ${name}`);
    const body = text.slice(text.indexOf('{', start), text.indexOf('\n}', start));
    for (const [, doc, member] of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\??:/g)) {
      docs.set(member as string, (doc as string).replace(/\s*\n\s*\*\s?/g, ' '));
    }
  }
  return docs;
}

/** How the TSDoc writes a default: `60`, `'refuse'`, `undefined`, `Date.now`. */
function written(value: unknown): string {
  if (typeof value === 'function') return `Date.${value.name}`;
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

const TABLES: [string, Readonly<Record<string, object>>, string, readonly string[]][] = [
  ['SHARED_OPTIONS', SHARED_OPTIONS, 'options.ts', ['SharedOptions']],
  ['GATE_OPTIONS', GATE_OPTIONS, 'handlers.ts', ['GatePolicies', 'GateHandler']],
  [
    'LIST_GATE_OPTIONS',
    LIST_GATE_OPTIONS,
    'handlers.ts',
    ['ListGatePolicies', 'DecideEachHandler', 'DecideBatchHandler'],
  ],
  ['TARGET_GATE_OPTIONS', TARGET_GATE_OPTIONS, 'handlers.ts', ['TargetGateHandler']],
  ['ROUTER_OPTIONS', ROUTER_OPTIONS, 'options.ts', ['SharedOptions', 'CallbackRouterOptions']],
  ['BEFORE_ADD_SUBSCRIBER_OPTIONS', BEFORE_ADD_SUBSCRIBER_OPTIONS, 'options.ts', ['SharedOptions', 'CommonOptions']],
];

describe.each(TABLES)('%s', (_name, table, file, interfaces) => {
  const docs = memberDocs(source(file), interfaces);
  const rows = Object.entries(table).filter(([option]) => docs.has(option) || file === 'options.ts');

  it.each(rows)('%s: its TSDoc says what the table says', (option, entry) => {
    const doc =
      docs.get(option) ??
      memberDocs(source('handlers.ts'), ['ListGatePolicies', 'DecideEachHandler', 'DecideBatchHandler']).get(option);
    expect(doc).toBeDefined();
    if ('required' in entry) expect(doc).toMatch(/Required\b/);
    else expect(doc).toContain(`Defaults to \`${written((entry as { default: unknown }).default)}\``);
  });
});
