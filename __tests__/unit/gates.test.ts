// Every decision of every gate of the registry, in-process through router.fetch: the reply Tencent
// gets for each, with the family's own custom-code range, and what onDecision reports.
import { callbackRouter, type CallbackRouterOptions, type DecisionReport } from '../../lib/index';
import { buildCallback } from '../../lib/testing';
import { DEFINITIONS } from '../../lib/commands/index';
import type {
  ActionGateDefinition,
  CommandDefinition,
  ListGateDefinition,
  MessageGateDefinition,
  TargetGateDefinition,
} from '../../lib/commands/define';

const TOKEN = 'unit-test-token';
const NOW_MS = 1_700_000_000_000;
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const REFUSED = { ...OK, ErrorCode: 1 };
const never = new Promise<never>(() => undefined);

function ofKind<Kind extends CommandDefinition['kind']>(kind: Kind) {
  return DEFINITIONS.filter((definition) => definition.kind === kind) as Extract<CommandDefinition, { kind: Kind }>[];
}

const MESSAGE_GATES = ofKind('message-gate');
const ACTION_GATES = ofKind('action-gate');
const LIST_GATES = ofKind('list-gate');
const TARGET_GATES = ofKind('target-gate');
const REPLY_DATA = ofKind('reply-data');

/** Answers Tencent's example (with `event` over it) of `definition` with `handler`. */
async function answer(
  definition: CommandDefinition,
  handler: unknown,
  options: Partial<CallbackRouterOptions> = {},
  body: unknown = definition.example,
) {
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const reports: DecisionReport[] = [];
  const router = callbackRouter({
    token: TOKEN,
    now: () => NOW_MS,
    logger,
    timeoutMs: 100,
    onDecision: (report) => void reports.push(report),
    on: { [definition.command]: handler } as CallbackRouterOptions['on'],
    ...options,
  });
  const { path } = buildCallback({ command: definition.command, token: TOKEN, now: () => NOW_MS } as Parameters<
    typeof buildCallback
  >[0]);
  const response = await router.fetch(
    new Request(`http://localhost${path}`, { method: 'POST', body: JSON.stringify(body) }),
  );
  if (!response) throw new Error('passed on');
  return { status: response.status, body: (await response.json()) as unknown, logger, reports };
}

const named = <D extends CommandDefinition>(definitions: D[]) => definitions.map((d) => [d.command, d] as const);

describe.each(named([...MESSAGE_GATES, ...ACTION_GATES]))('%s decides the request', (_command, definition) => {
  const { min, max } = definition.customCodes;
  const message = definition.kind === 'message-gate';

  it.each<[string, unknown, object, string]>([
    ['true', true, OK, 'allowed'],
    ['false', false, REFUSED, 'refused'],
    [
      `{ reject } with ${min}`,
      { reject: { code: min, info: 'first' } },
      { ...OK, ErrorCode: min, ErrorInfo: 'first' },
      'rejected',
    ],
    [
      `{ reject } with ${max}`,
      { reject: { code: max, info: 'last' } },
      { ...OK, ErrorCode: max, ErrorInfo: 'last' },
      'rejected',
    ],
  ])('%s', async (_name, decision, reply, reported) => {
    const result = await answer(definition, { decide: () => decision });
    expect([result.status, result.body]).toEqual([200, reply]);
    expect(result.reports).toEqual([
      expect.objectContaining({
        command: definition.command,
        event: definition.example,
        decision: reported,
        errorCode: (reply as { ErrorCode: number }).ErrorCode,
        timedOut: false,
        errored: false,
      }),
    ]);
  });

  it.each<[string, unknown]>([
    [`{ reject } with ${min - 1}, outside its family's range`, { reject: { code: min - 1, info: 'x' } }],
    [`{ reject } with ${max + 1}`, { reject: { code: max + 1, info: 'x' } }],
    ['{ reject } with a code of another family', { reject: { code: min === 10100 ? 120001 : 10100, info: 'x' } }],
    ...(message ? [] : ([["'drop', which only messages have", 'drop'] as const] as [string, unknown][])),
    ...(message
      ? []
      : ([['{ modify }, which only messages have', { modify: { CloudCustomData: 'x' } }]] as [string, unknown][])),
  ])('refuses %s by onError, logging why', async (_name, decision) => {
    const result = await answer(definition, { decide: () => decision });
    expect([result.status, result.body]).toEqual([200, REFUSED]);
    expect(result.logger.error).toHaveBeenCalledWith(
      expect.stringContaining(`decide for ${definition.command} returned`),
      expect.objectContaining({ code: 'ERR_DECIDE_RESULT_INVALID' }),
    );
    expect(result.reports).toEqual([expect.objectContaining({ decision: 'refused', errored: true })]);
  });

  it('refuses at the deadline, or allows with onTimeout: allow', async () => {
    const refused = await answer(definition, { decide: () => never });
    expect([refused.status, refused.body]).toEqual([200, REFUSED]);
    const allowed = await answer(definition, { decide: () => never, onTimeout: 'allow' });
    expect([allowed.status, allowed.body]).toEqual([200, OK]);
    expect(allowed.reports).toEqual([
      expect.objectContaining({ decision: 'allowed', timedOut: true, deadlineFired: true }),
    ]);
  });
});

describe.each(named(MESSAGE_GATES as MessageGateDefinition[]))(
  '%s: what only messages have',
  (_command, definition) => {
    const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'changed' } }];

    it.each<[string, unknown, object, string]>([
      ["'drop'", 'drop', { ...OK, ErrorCode: 2 }, 'dropped'],
      ['{ modify: { MsgBody } }', { modify: { MsgBody } }, { ...OK, MsgBody }, 'modified'],
      [
        '{ modify: { CloudCustomData } }',
        { modify: { CloudCustomData: 'new' } },
        { ...OK, CloudCustomData: 'new' },
        'modified',
      ],
    ])('%s', async (_name, decision, reply, reported) => {
      expect(definition.drop && definition.modify).toBe(true);
      const result = await answer(definition, { decide: () => decision });
      expect([result.status, result.body]).toEqual([200, reply]);
      expect(result.reports).toEqual([expect.objectContaining({ decision: reported })]);
    });
  },
);

describe.each(named(ACTION_GATES as ActionGateDefinition[]))('%s', (_command, definition) => {
  it('is an action gate of its family’s range', () => {
    expect(definition.customCodes.min).toBeLessThan(definition.customCodes.max);
  });
});

describe.each(named(LIST_GATES as ListGateDefinition[]))('%s decides each member', (_command, definition) => {
  const members = (definition.example as Record<string, Record<string, string>[]>)[definition.list]!.map(
    (entry) => entry[definition.member] as string,
  );
  const [first = '', ...others] = members;

  it('one by one: refuses those decide says no to, in the field Tencent reads', async () => {
    const result = await answer(definition, { decide: (member: string) => member !== first });
    expect([result.status, result.body]).toEqual([200, { ...OK, [definition.refusedField]: [first] }]);
    expect(result.reports).toEqual([
      expect.objectContaining({
        command: definition.command,
        event: definition.example,
        asked: members.length,
        allowed: others.length,
        refused: 1,
        refusedMembers: [first],
        rejectedReason: undefined,
      }),
    ]);
  });

  it('at once: refuses the UserIDs decideBatch returns', async () => {
    const result = await answer(definition, { decideBatch: () => members });
    expect([result.status, result.body]).toEqual([200, { ...OK, [definition.refusedField]: members }]);
  });

  it('refuses the whole request when rejectRequest gives a reason', async () => {
    const result = await answer(definition, { decide: () => true, rejectRequest: () => 'closed' });
    expect([result.status, result.body]).toEqual([200, { ...OK, ErrorCode: 1, ErrorInfo: 'closed' }]);
    expect(result.reports).toEqual([expect.objectContaining({ rejectedReason: 'closed' })]);
  });

  it('refuses the members whose decision does not come, or allows them with onTimeout: allow', async () => {
    const refused = await answer(definition, { decide: () => never });
    expect([refused.status, refused.body]).toEqual([200, { ...OK, [definition.refusedField]: members }]);
    const allowed = await answer(definition, { decide: () => never, onTimeout: 'allow' });
    expect([allowed.status, allowed.body]).toEqual([200, { ...OK, [definition.refusedField]: [] }]);
  });
});

describe.each(named(TARGET_GATES as TargetGateDefinition[]))('%s decides each target', (_command, definition) => {
  const targets = (definition.example as Record<string, { To_Account: string }[]>)[definition.list]!.map(
    (target) => target.To_Account,
  );
  const { min, max } = definition.customCodes;
  const results = (codes: (number | [number, string])[]) =>
    targets.map((To_Account, index) => {
      const code = codes[index] ?? 0;
      const [ResultCode, ResultInfo] = Array.isArray(code) ? code : [code, ''];
      return { To_Account, ResultCode, ResultInfo };
    });
  const reply = (codes: (number | [number, string])[]) => ({ ...OK, ResultItem: results(codes) });

  it('replies one ResultItem per target, in request order: true allows, false refuses with the range’s first code', async () => {
    const result = await answer(definition, {
      decide: (target: { To_Account: string }) => target.To_Account !== targets[0],
    });
    expect([result.status, result.body]).toEqual([200, reply([min, 0])]);
    expect(result.reports).toEqual([
      expect.objectContaining({
        command: definition.command,
        event: definition.example,
        asked: targets.length,
        allowed: targets.length - 1,
        refused: 1,
        refusedTargets: [targets[0]],
        timedOut: 0,
        errored: 0,
      }),
    ]);
  });

  it('decides and answers every target of the request even when decide empties the event’s list', async () => {
    const decided: string[] = [];
    const result = await answer(definition, {
      decide: (target: { To_Account: string }, context: { event: Record<string, unknown[]> }) => {
        decided.push(target.To_Account);
        context.event[definition.list]!.splice(0);
        return true;
      },
    });
    expect([result.status, result.body]).toEqual([200, reply([])]);
    expect(decided).toEqual(targets);
  });

  it('refuses a target with your own code and info from the range', async () => {
    const result = await answer(definition, { decide: () => ({ reject: { code: max, info: 'not now' } }) });
    expect([result.status, result.body]).toEqual([200, reply(targets.map(() => [max, 'not now']))]);
  });

  it('refuses by onError a code outside the range, and logs why; allows with onError: allow', async () => {
    const decide = () => ({ reject: { code: min - 1, info: 'x' } });
    const refused = await answer(definition, { decide });
    expect([refused.status, refused.body]).toEqual([200, reply(targets.map(() => min))]);
    expect(refused.logger.error).toHaveBeenCalledWith(
      expect.stringContaining(`a rejection code outside ${min}–${max}`),
      expect.objectContaining({ code: 'ERR_DECIDE_RESULT_INVALID' }),
    );
    const allowed = await answer(definition, { decide, onError: 'allow' });
    expect([allowed.status, allowed.body]).toEqual([200, reply([])]);
  });

  it('asks an onError function about the target whose decide threw', async () => {
    const onError = jest.fn((_error: unknown, target: { To_Account: string }) => target.To_Account === targets[0]);
    const result = await answer(definition, {
      decide: () => {
        throw new Error('down');
      },
      onError,
    });
    expect([result.status, result.body]).toEqual([200, reply([0, min])]);
    expect(onError).toHaveBeenCalledTimes(targets.length);
  });

  it('refuses each target whose decision does not come, in its own ResultItem, and warns once', async () => {
    const result = await answer(definition, { decide: () => never });
    expect([result.status, result.body]).toEqual([200, reply(targets.map(() => min))]);
    expect(result.logger.warn.mock.calls).toEqual([
      [
        `callbackRouter: ${targets.length} of ${targets.length} decision(s) for ${definition.command} did not come before the deadline; onTimeout refused them`,
      ],
    ]);
  });

  it('refuses each target it can read when the body fails its schema, since Tencent ignores a top-level refusal', async () => {
    const body = { ...(definition.example as object), EventTime: 'yesterday' };
    const result = await answer(definition, { decide: () => true }, {}, body);
    expect([result.status, result.body]).toEqual([200, reply(targets.map(() => min))]);
  });
});

describe.each(named(REPLY_DATA))('%s sends back what its handler returns', (_command, definition) => {
  const field = (definition as { replyField: string }).replyField;

  it('a string, as the reply data', async () => {
    const result = await answer(definition, () => '{"ok":true}');
    expect([result.status, result.body]).toEqual([200, { ...OK, [field]: '{"ok":true}' }]);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['a number', () => 42, /returned number; it must return a string/],
    ['more than a message may carry', () => 'x'.repeat(13_000), /returned 13000 bytes; Tencent takes at most 12288/],
  ])('refuses %s with ErrorCode 1, logging why', async (_name, handler, message) => {
    const result = await answer(definition, handler);
    expect([result.status, result.body]).toEqual([200, REFUSED]);
    expect(result.logger.error).toHaveBeenCalledWith(
      expect.stringMatching(message),
      expect.objectContaining({ code: 'ERR_HANDLER_RESULT_INVALID' }),
    );
  });

  it('refuses a handler that throws, or does not finish in time, with ErrorCode 1', async () => {
    const thrown = await answer(definition, () => {
      throw new Error('down');
    });
    expect([thrown.status, thrown.body]).toEqual([200, REFUSED]);
    const late = await answer(definition, () => never);
    expect([late.status, late.body]).toEqual([200, REFUSED]);
  });
});
