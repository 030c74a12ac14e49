// Every command of the registry, in-process through router.fetch (no sockets): Tencent's example
// handed to a handler of its kind and answered exactly, each required field required, unknown fields
// kept, a misspelt key refused at creation, a forged request kept from the handler.
import { callbackRouter, type CallbackRouterOptions, type WebhookMiddleware } from '../../lib/index';
import { buildCallback } from '../../lib/testing';
import { DEFINITIONS } from '../../lib/commands/index';
import type { CommandDefinition } from '../../lib/commands/define';
import { expectedReply, recordingHandler, type Seen } from '../helpers/registry';

const TOKEN = 'unit-test-token';
const NOW_MS = 1_700_000_000_000;

interface Answer {
  status: number;
  body: unknown;
}

/** A signed router with the recording handler of `definition` only. */
function routerFor(definition: CommandDefinition, seen: Seen, options: Partial<CallbackRouterOptions> = {}) {
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const router = callbackRouter({
    token: TOKEN,
    now: () => NOW_MS,
    logger,
    on: { [definition.command]: recordingHandler(definition, seen) } as CallbackRouterOptions['on'],
    ...options,
  });
  return { router, logger };
}

/** The signed path of `command` at the routers' clock. */
function signedPath(command: string, token = TOKEN): string {
  return buildCallback({ command, token, now: () => NOW_MS } as Parameters<typeof buildCallback>[0]).path;
}

async function post(router: WebhookMiddleware, path: string, body: unknown): Promise<Answer> {
  const response = await router.fetch(
    new Request(`http://localhost${path}`, { method: 'POST', body: JSON.stringify(body) }),
  );
  if (!response) throw new Error('passed on');
  return { status: response.status, body: await response.json() };
}

const copy = (value: unknown): Record<string, unknown> => structuredClone(value) as Record<string, unknown>;

/** `body` without `fields`. */
function without(body: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => !fields.includes(field)));
}
const required = (definition: CommandDefinition): readonly string[] => definition.schema.required ?? [];
const optional = (definition: CommandDefinition): string[] =>
  Object.keys(definition.schema.properties ?? {}).filter((field) => !required(definition).includes(field));

describe.each(DEFINITIONS.map((definition) => [definition.command, definition] as const))(
  '%s',
  (command, definition) => {
    it("hands Tencent's example to its handler and replies exactly", async () => {
      const seen: Seen = [];
      const { router, logger } = routerFor(definition, seen);
      const answer = await post(router, signedPath(command), definition.example);
      expect(answer).toEqual({ status: 200, body: expectedReply(definition, definition.example) });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((each) => each.command === command)).toBe(true);
      expect(seen[0]?.event).toEqual(definition.example);
      expect([...logger.warn.mock.calls, ...logger.error.mock.calls]).toEqual([]);
    });

    it.each(required(definition).map((field) => [field]))(
      'refuses a body without its required %s in a 200, without calling the handler',
      async (field) => {
        const seen: Seen = [];
        const { router, logger } = routerFor(definition, seen);
        const body = without(copy(definition.example), [field]);
        const answer = await post(router, signedPath(command), body);
        const reason = `ERR_BODY_INVALID: body is missing the required field ${field}`;
        // A target gate refuses each target it can still read: Tencent ignores a top-level ErrorCode there.
        const targets =
          definition.kind === 'target-gate' ? (body[definition.list] as { To_Account: string }[]) : undefined;
        expect(answer).toEqual({
          status: 200,
          body: targets
            ? {
                ActionStatus: 'OK',
                ErrorCode: 0,
                ErrorInfo: '',
                ResultItem: targets.map(({ To_Account }) => ({
                  To_Account,
                  ResultCode: (definition as { customCodes: { min: number } }).customCodes.min,
                  ResultInfo: '',
                })),
              }
            : { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: reason },
        });
        expect(seen).toEqual([]);
        expect(logger.error).toHaveBeenCalledTimes(1);
      },
    );

    it('accepts a body without any of its optional fields, and with a field Tencent may add later', async () => {
      const seen: Seen = [];
      const { router } = routerFor(definition, seen);
      const body = { ...without(copy(definition.example), optional(definition)), FieldAddedLater: { any: ['thing'] } };
      const answer = await post(router, signedPath(command), body);
      expect(answer).toEqual({ status: 200, body: expectedReply(definition, body) });
      expect(seen[0]?.event).toEqual(body);
    });

    it('answers a forged Sign 401 without reading the body or calling the handler', async () => {
      const seen: Seen = [];
      const { router } = routerFor(definition, seen);
      const answer = await post(router, signedPath(command, 'not-the-token'), definition.example);
      expect(answer).toEqual({
        status: 401,
        body: {
          ActionStatus: 'FAIL',
          ErrorCode: 1,
          ErrorInfo: 'ERR_SIGN_MISMATCH: Sign does not match the configured callback token',
        },
      });
      expect(seen).toEqual([]);
    });

    it('throws at creation for its command misspelt, naming it', () => {
      const typo = `${command.slice(0, -1)}${command.endsWith('x') ? 'y' : 'x'}`;
      expect(() =>
        callbackRouter({
          token: TOKEN,
          on: { [typo]: recordingHandler(definition, []) } as CallbackRouterOptions['on'],
        }),
      ).toThrow(`did you mean ${command}?`);
    });
  },
);
