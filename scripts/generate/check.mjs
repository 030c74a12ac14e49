// The checks every definition must pass before anything is derived from it: a schema that ajv
// compiles in strict mode, an example that passes it, a description on every field.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');

// The same settings as the validators the package ships.
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });

const KINDS = ['message-gate', 'action-gate', 'list-gate', 'target-gate', 'reply-data', 'notification'];
const COMMAND = /^[A-Za-z0-9]+\.[A-Za-z0-9_]+$/;

/** Fields without a `description`, as paths; a `tsType` stops the walk (its type documents itself). */
function undescribed(schema, at, problems) {
  if (schema.tsType !== undefined) return;
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const where = `${at}.${field}`;
    if (field !== 'CallbackCommand' && typeof property.description !== 'string') problems.push(where);
    undescribed(property, where, problems);
  }
  if (schema.items) undescribed(schema.items, `${at}[]`, problems);
}

export function checkDefinition(definition) {
  const problems = [];
  const name = definition?.command ?? '(a definition without a command)';
  const say = (problem) => problems.push(`${name}: ${problem}`);
  if (typeof definition?.command !== 'string' || !COMMAND.test(definition.command)) {
    say('`command` must be Family.Command');
    return problems;
  }
  if (typeof definition.schema?.properties !== 'object') say('its schema must be an object with properties');
  if (!KINDS.includes(definition.kind)) say(`\`kind\` must be one of ${KINDS.join(', ')}`);
  if (definition.page !== undefined && !/^1047\/[0-9]+$/.test(definition.page)) say('`page` must be 1047/<id>');
  if (definition.page === undefined && definition.cnPage === undefined) say('it needs `page` or `cnPage`');
  if (definition.cnPage !== undefined && !/^269\/[0-9]+$/.test(definition.cnPage)) say('`cnPage` must be 269/<id>');
  if (typeof definition.summary !== 'string' || !definition.summary.endsWith('.')) say('`summary` must be a sentence');
  let validate;
  try {
    validate = ajv.compile(definition.schema);
  } catch (error) {
    say(`its schema does not compile: ${error.message}`);
    return problems;
  }
  if (!validate(structuredClone(definition.example))) {
    say(`its example fails its schema: ${ajv.errorsText(validate.errors)}`);
  }
  const topCommand = definition.schema.properties?.CallbackCommand?.const;
  if (topCommand !== undefined && topCommand !== definition.command)
    say('schema.properties.CallbackCommand.const is another command');
  const missing = [];
  undescribed(definition.schema, 'body', missing);
  if (missing.length > 0) say(`fields without a description: ${missing.join(', ')}`);
  for (const field of ['list', 'member', 'refusedField']) {
    if (definition.kind === 'list-gate' && typeof definition[field] !== 'string') say(`a list gate needs \`${field}\``);
  }
  if (definition.kind === 'target-gate' && typeof definition.list !== 'string') say('a target gate needs `list`');
  if (definition.kind === 'reply-data' && typeof definition.replyField !== 'string')
    say('reply data needs `replyField`');
  if (['message-gate', 'action-gate', 'list-gate', 'target-gate'].includes(definition.kind)) {
    const range = definition.customCodes;
    if (!range || !Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min > range.max) {
      say('a gate needs `customCodes: { min, max }`');
    }
  }
  return problems;
}
