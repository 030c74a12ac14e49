// Writes the documentation derived from the command registry, between markers in Markdown files:
//
//   <!-- generated: <name> -->
//   … rewritten by `npm run generate` …
//   <!-- end generated: <name> -->
//
// Everything outside the markers is hand-written and left as it is. The regions:
// - README.md, `handlers-by-kind`: what each kind of handler returns, with its commands;
// - docs/options.md, `kind-commands`: the handler of each kind and its commands;
// - docs/callbacks.md, `command-index`: every command with its kind and Tencent's pages;
//   `custom-codes`: each family's range and the gates that take it; `drift-facts`: the forms of
//   `EventTime` the schemas accept, and the commands only Tencent's Chinese pages document;
// - docs/commands/<family>.md, `commands`: the reference of each command of the family (summary,
//   pages, kind, reply rules, fields, Tencent's example, drift). A family without its file gets one.
import { eventName } from './events.mjs';

const EN_PAGE = 'https://www.tencentcloud.com/document/product/';
const CN_PAGE = 'https://cloud.tencent.com/document/product/';

/**
 * The kinds, in the order the docs present them. `anchor`: the kind's section in docs/callbacks.md;
 * `options`: its handler's section in docs/options.md.
 */
const KINDS = {
  'message-gate': {
    name: 'message gate',
    anchor: 'message-gates',
    options: 'message-and-action-gates',
    handlerType: 'MessageGateHandler',
    handlerOptions: '`decide`, `timeoutMs`, `onTimeout`, `onError`',
  },
  'action-gate': {
    name: 'action gate',
    anchor: 'action-gates',
    options: 'message-and-action-gates',
    handlerType: 'ActionGateHandler',
    handlerOptions: '`decide`, `timeoutMs`, `onTimeout`, `onError`',
  },
  'list-gate': {
    name: 'list gate',
    anchor: 'list-gates',
    options: 'list-gates',
    handlerType: 'ListGateHandler',
    handlerOptions: '`decide` or `decideBatch`, `rejectRequest`, `concurrency`, `timeoutMs`, `onTimeout`, `onError`',
  },
  'target-gate': {
    name: 'target gate',
    anchor: 'target-gates',
    options: 'target-gates',
    handlerType: 'TargetGateHandler',
    handlerOptions: '`decide`, `concurrency`, `timeoutMs`, `onTimeout`, `onError`',
  },
  'reply-data': {
    name: 'reply data',
    anchor: 'reply-data',
    options: 'reply-data',
    handlerType: 'ReplyDataHandler',
    handlerOptions: 'a function; no options',
  },
  notification: {
    name: 'notification',
    anchor: 'notifications',
    options: 'notifications',
    handlerType: 'NotificationHandler',
    handlerOptions: 'a function; no options',
  },
};

/** What the docs say about a hand-written type a schema names through `tsType`. */
const HAND_WRITTEN_TYPES = {
  MessageElement:
    "one element of the message in Tencent's TIMMessage format, `{ MsgType, MsgContent }`; narrow on `MsgType` (see [message elements](../callbacks.md#message-elements)).",
};

// ---------------------------------------------------------------------------------------------
// Names, links and small pieces of Markdown

/** `Group.CallbackBeforeSendMsg` → `Group`. */
export function familyOf(command) {
  return command.slice(0, command.indexOf('.'));
}

/** `OfficialAccount` → `official-account`, `C2C` → `c2c`: the file of the family's reference. */
export function familyFile(family) {
  return `docs/commands/${family.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.md`;
}

/** The anchor GitHub gives a heading: `` `Group.CallbackBeforeSendMsg` `` → `groupcallbackbeforesendmsg`. */
export function anchorOf(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function code(text) {
  return `\`${text}\``;
}

/** A table cell: no line breaks, and `|` escaped (also inside code spans, as GitHub reads them). */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('|', '\\|');
}

function table(header, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The links to Tencent's pages of a definition, English first. */
function pageLinks(definition) {
  const links = [];
  if (definition.page) links.push(`[${definition.page}](${EN_PAGE}${definition.page})`);
  if (definition.cnPage) links.push(`[CN ${definition.cnPage}](${CN_PAGE}${definition.cnPage})`);
  return links.join(', ');
}

function range({ min, max }) {
  return `${min}–${max}`;
}

function fromTo({ min, max }) {
  return `from ${min} to ${max}`;
}

/**
 * Tencent's example as JSON the way prettier prints it, but with an object or array of plain
 * values on one line when it fits, so that a list of members does not take three lines each.
 */
function exampleJson(value, indent = '') {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value).map(([key, item]) => [`${JSON.stringify(key)}: `, item]);
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const plain = entries.every(([, item]) => typeof item !== 'object' || item === null);
  const items = entries.map(([key, item]) => `${key ?? ''}${exampleJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  const flat = `${open}${items.join(', ')}${close}`;
  if (plain && indent.length + flat.length <= 100) return flat;
  return `${open.trim()}\n${items.map((item) => `${inner}${item}`).join(',\n')}\n${indent}${close.trim()}`;
}

/**
 * The families of `definitions` grouped by what `key` gives each (a range, a field), in order of
 * first appearance: `C2C and OfficialAccount 120001–130000, Group 10100–10200`.
 */
function byValue(definitions, key, show) {
  const groups = new Map();
  for (const definition of definitions) {
    const value = key(definition);
    if (value === undefined) continue;
    const id = JSON.stringify(value);
    if (!groups.has(id)) groups.set(id, { value, families: [] });
    const family = familyOf(definition.command);
    if (!groups.get(id).families.includes(family)) groups.get(id).families.push(family);
  }
  const entries = [...groups.values()];
  if (entries.length === 1) return show(entries[0].value);
  return entries.map(({ value, families }) => `${listed(families)} ${show(value)}`).join(', ');
}

/** A reply field per family: "`RefusedMembers_Account` (Group) or `RefusedSubscribers_Account` (OfficialAccount)". */
function fieldsOf(definitions, key) {
  const fields = new Map();
  for (const definition of definitions) {
    const field = key(definition);
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field).push(familyOf(definition.command));
  }
  if (fields.size === 1) return code([...fields.keys()][0]);
  return [...fields].map(([field, families]) => `${code(field)} (${listed(families)})`).join(' or ');
}

/**
 * Commands named compactly: those that share their name across families as
 * "`C2C`, `Group` and `OfficialAccount` `CallbackBeforeSendMsg`", the others in full.
 */
function compactCommands(definitions) {
  const byName = new Map();
  for (const { command } of definitions) {
    const name = command.slice(command.indexOf('.') + 1);
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push(familyOf(command));
  }
  const parts = [...byName].map(([name, families]) =>
    families.length === 1 ? code(`${families[0]}.${name}`) : `${listed(families.map(code))} ${code(name)}`,
  );
  return parts.join(', ');
}

/** How many commands of each family: "`State` 1, `Sns` 4, …". */
function familyCounts(definitions) {
  const counts = new Map();
  for (const { command } of definitions) counts.set(familyOf(command), (counts.get(familyOf(command)) ?? 0) + 1);
  return [...counts].map(([family, count]) => `${code(family)} ${count}`).join(', ');
}

function ofKind(definitions, kind) {
  return definitions.filter((definition) => definition.kind === kind);
}

// ---------------------------------------------------------------------------------------------
// Types and fields, as the generated event types read them

function literal(value) {
  return typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : String(value);
}

/** The TypeScript type of a schema, on one line, as lib/generated/events.ts writes it. */
function typeOf(schema) {
  if (schema.tsType !== undefined) return schema.tsType;
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum !== undefined) return schema.enum.map(literal).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types
    .map((type) => {
      switch (type) {
        case 'object':
          if (schema.title) return schema.title;
          if (!schema.properties) return 'Readonly<Record<string, unknown>>';
          return `{ ${Object.entries(schema.properties)
            .map(
              ([field, property]) =>
                `${field}${(schema.required ?? []).includes(field) ? '' : '?'}: ${typeOf(property)}`,
            )
            .join('; ')} }`;
        case 'array': {
          const item = schema.items ? typeOf(schema.items) : 'unknown';
          return /^[A-Za-z0-9_]+$/.test(item) ? `readonly ${item}[]` : `readonly (${item})[]`;
        }
        case 'integer':
          return 'number';
        default:
          return type;
      }
    })
    .join(' | ');
}

/** What validation checks beyond the type: `integer ≥ 0`, `1–32 characters`, `a string of 1–16 digits`. */
function checks(schema) {
  if (schema.tsType !== undefined || schema.const !== undefined) return '';
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const said = [];
  if (types.includes('integer')) said.push(schema.minimum === undefined ? 'integer' : `integer ≥ ${schema.minimum}`);
  else if (types.includes('number') && schema.minimum !== undefined) said.push(`≥ ${schema.minimum}`);
  if (types.includes('string')) {
    const digits = /^\^\[0-9\]\{(\d+),(\d+)\}\$$/.exec(schema.pattern ?? '');
    if (digits) said.push(`${types.length > 1 ? 'or ' : ''}a string of ${digits[1]}–${digits[2]} digits`);
    else if (schema.pattern !== undefined) said.push(`matches \`${schema.pattern}\``);
    if (schema.minLength !== undefined && schema.maxLength !== undefined) {
      said.push(`${schema.minLength}–${schema.maxLength} characters`);
    } else if (schema.minLength === 1) {
      said.push('not empty');
    } else if (schema.minLength !== undefined) {
      said.push(`at least ${schema.minLength} characters`);
    }
  }
  if (schema.minItems !== undefined) said.push(`at least ${plural(schema.minItems, 'item')}`);
  return said.join(', ');
}

/** The rows of an object's fields; an untitled object's fields follow as `Field.Sub` (or `Field[].Sub`). */
function fieldRows(schema, prefix, titled, body = false) {
  const required = new Set(schema.required ?? []);
  const rows = [];
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const description =
      property.description ??
      (field !== 'CallbackCommand'
        ? ''
        : body
          ? 'The command, as in the `CallbackCommand` query parameter.'
          : 'This event’s command, as in the `CallbackCommand` query parameter.');
    rows.push([
      code(`${prefix}${field}`),
      code(typeOf(property)),
      required.has(field) ? 'yes' : 'no',
      checks(property),
      description,
    ]);
    collectTitled(property, titled, `${prefix}${field}`);
    let inner = property;
    let path = `${prefix}${field}`;
    while (inner.items && !inner.tsType) {
      inner = inner.items;
      path += '[]';
    }
    if (inner.properties && !inner.title && !inner.tsType) rows.push(...fieldRows(inner, `${path}.`, titled));
  }
  return rows;
}

/** Adds the titled sub-schemas under `schema` (itself included) to `titled`, in order of appearance. */
function collectTitled(schema, titled, where) {
  if (schema.tsType !== undefined) {
    for (const name of schema.tsType.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? []) {
      if (!titled.has(name)) titled.set(name, { handWritten: true });
    }
    return;
  }
  if (schema.title && !titled.has(schema.title)) titled.set(schema.title, { schema, where });
  if (schema.items) collectTitled(schema.items, titled, `${where}[]`);
}

const FIELD_HEADER = ['field', 'type', 'required', 'checked', 'description'];

// ---------------------------------------------------------------------------------------------
// What a command's handler returns and what goes back to Tencent

function replyRules(definition) {
  switch (definition.kind) {
    case 'message-gate':
      return [
        '`true` → `ErrorCode` 0: the message is delivered',
        '`false` → 1: it is not',
        definition.drop
          ? "`'drop'` → 2: it is discarded, and the sender is told it was sent"
          : "`'drop'` is not a decision of this command",
        definition.modify
          ? '`{ modify: { MsgBody?, CloudCustomData? } }` → 0 with the fields given: it is delivered changed'
          : '`{ modify }` is not a decision of this command',
        `\`{ reject: { code, info } }\` → your \`code\`, ${fromTo(definition.customCodes)}, and \`info\`: it is not delivered`,
      ];
    case 'action-gate':
      return [
        '`true` → `ErrorCode` 0: the action goes ahead',
        '`false` → 1: it does not',
        `\`{ reject: { code, info } }\` → your \`code\`, ${fromTo(definition.customCodes)}, and \`info\``,
        "`'drop'` and `{ modify }` are not decisions of this command",
      ];
    case 'list-gate':
      return [
        `\`decide(member, context)\` once per distinct \`${definition.list}[].${definition.member}\`, or \`decideBatch(members, context)\` once for all of them`,
        `reply: \`ErrorCode\` 0 with \`${definition.refusedField}\`, the refused UserIDs in request order (\`[]\` when nobody is refused); Tencent goes on without them`,
        '`rejectRequest` returning a reason → `ErrorCode` 1 with it as `ErrorInfo`: the whole request is refused',
        'no custom code: members are refused one by one, a whole request with `1`',
      ];
    case 'target-gate':
      return [
        `\`decide(target, context)\` once per item of \`${definition.list}\`, in request order`,
        'reply: `ErrorCode` 0 with one `ResultItem` `{ To_Account, ResultCode, ResultInfo }` per target, in request order',
        `\`true\` → \`ResultCode\` 0; \`false\` → ${definition.customCodes.min}; \`{ reject: { code, info } }\` → your \`code\`, ${fromTo(definition.customCodes)}, and \`info\``,
        'a refusal by `onTimeout` or `onError` is written into each undecided target: Tencent ignores a non-zero top-level `ErrorCode` here',
      ];
    case 'reply-data':
      return [
        `the handler's string → \`ErrorCode\` 0 with it as \`${definition.replyField}\``,
        `a failure, a value that is not a string (or is over 12 KB) or the deadline → \`ErrorCode\` 1 without \`${definition.replyField}\`, which Tencent reads as a failure`,
      ];
    case 'notification':
      return [
        'Tencent ignores the reply: the plain `OK` when the handler settles or at the deadline, `ErrorCode` 1 when it throws',
      ];
    default:
      throw new Error(`${definition.command}: no reply rules for kind ${definition.kind}`);
  }
}

function handlerTypeOf(definition) {
  const event = eventName(definition.command);
  const { handlerType } = KINDS[definition.kind];
  if (definition.kind === 'target-gate') return `${handlerType}<${event}, ${event}['${definition.list}'][number]>`;
  return `${handlerType}<${event}>`;
}

// ---------------------------------------------------------------------------------------------
// The regions

/** `- label rule.`, or the rules as a nested list under the label. */
function bulletOrList(label, rules) {
  if (rules.length === 1) return [`- ${label} ${rules[0]}.`];
  return [`- ${label}`, ...rules.map((rule) => `  - ${rule}.`)];
}

/** One command's reference, in its family's file. `described` holds the titled types shown so far. */
function commandSection(definition, described) {
  const event = eventName(definition.command);
  const kind = KINDS[definition.kind];
  const titled = new Map();
  const rows = fieldRows(definition.schema, '', titled, true);
  const lines = [
    `## ${code(definition.command)}`,
    '',
    definition.summary,
    '',
    `- **Tencent's pages:** ${pageLinks(definition)}`,
    `- **Kind:** [${kind.name}](../callbacks.md#${kind.anchor}); handler type ${code(handlerTypeOf(definition))}.`,
    ...bulletOrList('**Reply:**', replyRules(definition)),
    '',
    `**Body** (${code(event)}):`,
    '',
    table(FIELD_HEADER, rows),
  ];
  for (const [name, entry] of titled) {
    lines.push('');
    if (entry.handWritten) {
      lines.push(
        `**${code(name)}**: ${HAND_WRITTEN_TYPES[name] ?? 'a hand-written type of lib/commands/shared/types.ts.'}`,
      );
    } else if (described.has(name)) {
      const first = described.get(name);
      lines.push(`**${code(name)}**: as under [${code(first)}](#${anchorOf(first)}).`);
    } else {
      described.set(name, definition.command);
      const nestedRows = fieldRows(entry.schema, '', titled);
      const about = ` ${entry.schema.description ?? `One item of ${code(entry.where.replace(/\[\]$/, ''))}.`}`;
      lines.push(`**${code(name)}**:${about}`, '', table(FIELD_HEADER, nestedRows));
    }
  }
  lines.push('', "**Tencent's example:**", '', '```json', exampleJson(definition.example), '```');
  if (definition.drift?.length > 0) {
    lines.push('', "**Where Tencent's sources drift:**", '', ...definition.drift.map((line) => `- ${line}`));
  }
  return lines.join('\n');
}

function familyReference(definitions) {
  const described = new Map();
  return definitions.map((definition) => commandSection(definition, described)).join('\n\n');
}

/** docs/callbacks.md: every command, by family, with its kind and pages. */
function commandIndex(definitions, families) {
  const sections = [...families].map(([family, members]) => {
    const file = familyFile(family).replace(/^docs\//, '');
    const rows = members.map((definition) => {
      const kind = KINDS[definition.kind];
      return [commandLink(definition), `[${kind.name}](#${kind.anchor})`, pageLinks(definition)];
    });
    return `### [${family}](${file})\n\n${table(['command', 'kind', "Tencent's pages"], rows)}`;
  });
  const count = `${definitions.length} commands in ${families.size} families; each links to its reference (fields, example, drift).`;
  return `${count}\n\n${sections.join('\n\n')}`;
}

/** docs/callbacks.md: each family's range of custom codes, with the gates that use it and how. */
function customCodes(definitions) {
  const use = {
    'message-gate': '`{ reject: { code, info } }` → `ErrorCode`',
    'action-gate': '`{ reject: { code, info } }` → `ErrorCode`',
    'target-gate': "`{ reject: { code, info } }` → the target's `ResultCode`; `false` → the first code",
  };
  const rows = new Map();
  for (const definition of definitions) {
    if (!definition.customCodes || use[definition.kind] === undefined) continue;
    const key = `${familyOf(definition.command)} ${range(definition.customCodes)} ${use[definition.kind]}`;
    if (!rows.has(key))
      rows.set(key, { family: familyOf(definition.command), codes: definition.customCodes, gates: [] });
    rows.get(key).gates.push(definition);
  }
  return table(
    ['family', 'your codes', 'gates', 'how'],
    [...rows.values()].map(({ family, codes, gates }) => [
      code(family),
      range(codes),
      gates
        .map(
          (gate) =>
            `[${code(gate.command.slice(family.length + 1))}](${familyFile(family).replace(/^docs\//, '')}#${anchorOf(gate.command)})`,
        )
        .join(', '),
      use[gates[0].kind],
    ]),
  );
}

/** The form of a body's `EventTime` (of its events, for a batch): what validation accepts. */
function eventTimeForm(definition) {
  const properties = definition.schema.properties;
  const schema = properties.EventTime ?? properties.Events?.items?.properties?.EventTime;
  if (schema === undefined) return 'none';
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const unit = /in seconds/.test(schema.description ?? '') ? 'seconds' : 'milliseconds';
  return `${types.includes('string') ? 'a number or a string of digits' : 'a number'}, in ${unit}`;
}

/** docs/callbacks.md: where the registry accepts more than one form, derived from the schemas. */
function driftFacts(definitions) {
  const forms = new Map();
  for (const definition of definitions) {
    const form = eventTimeForm(definition);
    if (!forms.has(form)) forms.set(form, []);
    forms.get(form).push(definition);
  }
  const usual = 'a number, in milliseconds';
  const label = (form) => (form === 'none' ? 'none in the body' : form);
  const order = ['a number or a string of digits, in milliseconds', 'a number, in seconds', 'none'];
  const rows = [...forms]
    .filter(([form]) => form !== usual)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([form, members]) => [label(form), byFamily(members)]);
  const chineseOnly = definitions.filter((definition) => definition.page === undefined);
  return (
    `${table(['`EventTime`', 'commands'], rows)}\n\n` +
    `Every other command (${forms.get(usual)?.length ?? 0}) sends ${usual}.\n\n` +
    `Documented only on Tencent's Chinese pages (cloud.tencent.com, product 269), not yet on the English ones: ${listed(chineseOnly.map(commandLink))}.`
  );
}

/** Commands by family, each linked: "`Group`: [`CallbackAfterCreateGroup`](…), …; `Push`: …". */
function byFamily(definitions) {
  const families = new Map();
  for (const definition of definitions) {
    const family = familyOf(definition.command);
    if (!families.has(family)) families.set(family, []);
    const name = definition.command.slice(family.length + 1);
    families
      .get(family)
      .push(`[${code(name)}](${familyFile(family).replace(/^docs\//, '')}#${anchorOf(definition.command)})`);
  }
  return [...families].map(([family, names]) => `${code(family)}: ${names.join(', ')}`).join('; ');
}

/** A command's name linked to its reference, from docs/callbacks.md. */
function commandLink(definition) {
  return `[${code(definition.command)}](${familyFile(familyOf(definition.command)).replace(/^docs\//, '')}#${anchorOf(definition.command)})`;
}

/**
 * README.md: what each kind's handler returns, with its commands, then the custom-code ranges of
 * `{ reject }` in one line (kept out of the table, whose widest cell sets every row's width).
 */
function handlersByKind(definitions) {
  const link = (kind) => `[${KINDS[kind].name}](docs/callbacks.md#${KINDS[kind].anchor})`;
  const notifications = ofKind(definitions, 'notification');
  const rejecting = definitions.filter((definition) => definition.customCodes && definition.kind !== 'list-gate');
  const rows = [
    [
      link('message-gate'),
      compactCommands(ofKind(definitions, 'message-gate')),
      '`{ decide(event, context) }`',
      "`true` → `0` (send), `false` → `1`, `'drop'` → `2` (silent drop), `{ modify }` → `0` with your `MsgBody`/`CloudCustomData`, `{ reject }`",
    ],
    [
      link('action-gate'),
      compactCommands(ofKind(definitions, 'action-gate')),
      '`{ decide(event, context) }`',
      '`true` → `0`, `false` → `1`, `{ reject }`',
    ],
    [
      link('list-gate'),
      compactCommands(ofKind(definitions, 'list-gate')),
      '`{ decide(member, context) }` or `{ decideBatch(members, context) }`',
      '`true` allows, `false` refuses (`decideBatch`: the IDs to refuse) → `0`, the refused listed',
    ],
    [
      link('target-gate'),
      compactCommands(ofKind(definitions, 'target-gate')),
      '`{ decide(target, context) }`',
      'one `ResultItem` per target: `true` → `0`, `false` → the range’s first code, `{ reject }`',
    ],
    [
      link('reply-data'),
      compactCommands(ofKind(definitions, 'reply-data')),
      '`(event, context) => string`',
      `the string → \`0\` with it as ${fieldsOf(ofKind(definitions, 'reply-data'), (d) => d.replyField)}`,
    ],
    [
      link('notification'),
      `the other ${notifications.length}: every After-callback, alarm and batch`,
      '`(event, context) => …`',
      'ignored → `0` when it settles or at the deadline',
    ],
    [
      '[`generic`](docs/callbacks.md#unknown-commands-generic)',
      'a command this package does not know',
      '`(event, context) => reply fields`',
      'nothing → `0`; an object → its fields over the `OK` reply',
    ],
  ];
  return [
    table(['kind', 'commands', 'handler', 'returns → reply `ErrorCode`'], rows),
    '',
    `\`{ reject: { code, info } }\` sends your own code, in its family's range: ${byValue(rejecting, (d) => d.customCodes, range)}.`,
  ].join('\n');
}

/** docs/options.md: the handler of each kind, with every command that takes it. */
function kindCommands(definitions) {
  const rows = Object.entries(KINDS).map(([kind, { name, options, handlerType, handlerOptions }]) => {
    const members = ofKind(definitions, kind);
    const commands =
      members.length > 8
        ? `the other ${members.length}: ${familyCounts(members)} (all in [callbacks.md](callbacks.md#every-command))`
        : members.map((definition) => code(definition.command)).join(', ');
    return [`[${name}](#${options})`, commands, code(handlerType), handlerOptions];
  });
  rows.push([
    '[generic](#generic-handlers)',
    'a command this package does not know, in `generic`',
    '`GenericHandler`',
    'a function; no options',
  ]);
  return table(['kind', 'commands', 'handler type', 'handler'], rows);
}

// ---------------------------------------------------------------------------------------------
// Markers

const MARKER = /<!-- (end )?generated: ([a-z0-9-]+) -->/g;

/**
 * `text` with each region of `regions` (name → Markdown) put between its markers. Throws when a
 * region has no markers, or the file has markers of a region nobody writes.
 */
export function spliceRegions(text, regions, file) {
  const found = [...text.matchAll(MARKER)];
  for (const match of found) {
    if (!(match[2] in regions)) throw new Error(`${file}: no generated region is called ${match[2]}`);
  }
  let result = text;
  for (const [name, content] of Object.entries(regions)) {
    const start = `<!-- generated: ${name} -->`;
    const end = `<!-- end generated: ${name} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from === -1 || to < from || result.indexOf(start, from + 1) !== -1) {
      throw new Error(`${file}: needs one ${start} … ${end} pair where the generated ${name} goes`);
    }
    const note = '<!-- Written by npm run generate from lib/commands/: edit the definitions, not this. -->';
    result = `${result.slice(0, from)}${start}\n${note}\n\n${content.trim()}\n\n${result.slice(to)}`;
  }
  return result;
}

/** What a new family's reference file starts as; the generator fills its region. */
function familySkeleton(family) {
  return (
    `# ${family} callbacks\n\n` +
    `The commands of the \`${family}\` family. How a callback is handled, the kinds of handler and their replies: ` +
    '[callbacks.md](../callbacks.md).\n\n<!-- generated: commands -->\n<!-- end generated: commands -->\n'
  );
}

/**
 * The regions of every Markdown file the registry writes into: file (relative to the root) →
 * { regions: name → Markdown, skeleton?: the text of the file when it does not exist yet }.
 */
export function docsRegions(definitions) {
  const families = new Map();
  for (const definition of definitions) {
    const family = familyOf(definition.command);
    if (!families.has(family)) families.set(family, []);
    families.get(family).push(definition);
  }
  const files = {
    'README.md': { regions: { 'handlers-by-kind': handlersByKind(definitions) } },
    'docs/options.md': { regions: { 'kind-commands': kindCommands(definitions) } },
    'docs/callbacks.md': {
      regions: {
        'command-index': commandIndex(definitions, families),
        'custom-codes': customCodes(definitions),
        'drift-facts': driftFacts(definitions),
      },
    },
  };
  for (const [family, members] of families) {
    files[familyFile(family)] = { regions: { commands: familyReference(members) }, skeleton: familySkeleton(family) };
  }
  return files;
}
