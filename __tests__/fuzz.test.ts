import http from 'node:http';
import fc from 'fast-check';
import { computeSign, type BeforeAddSubscriberOptions } from '../lib/index';
import { eventWith } from './fixtures';
import { close, listen } from './helpers/raw-http';
import { COMMAND, PATH, SDK_APP_ID, serverWith, TOKEN } from './helpers/servers';

// `npm test` runs a few hundred cases per property; `npm run fuzz` sets FUZZ_RUNS much higher.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
jest.setTimeout(Math.max(30_000, RUNS * 200));

// 408 and 413 are gone: a body too slow or too large is refused in a 200, since it follows authentication.
const DOCUMENTED_STATUSES = [200, 400, 401, 403];
const PASSED_ON = 299;
const NOW_SECONDS = 1_700_000_000;

type Behaviour = 'allow' | 'refuse' | 'throw' | 'reject' | 'not-a-boolean' | 'async-allow';
const behaviours: Behaviour[] = ['allow', 'refuse', 'throw', 'reject', 'not-a-boolean', 'async-allow'];

/** A decide whose behaviour for each UserID is chosen by a hash of it, so cases replay exactly. */
function erraticDecide(subscriber: string): boolean | Promise<boolean> {
  let hash = 0;
  for (const char of subscriber) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  switch (behaviours[hash % behaviours.length]) {
    case 'allow':
      return true;
    case 'refuse':
      return false;
    case 'throw':
      throw new Error('decide exploded');
    case 'reject':
      return Promise.reject(new Error('decide rejected'));
    case 'not-a-boolean':
      return 'maybe' as unknown as boolean;
    default:
      return Promise.resolve(true);
  }
}

const textValue = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '0', '-1', '1e3', 'null'));

const queryArbitrary = fc.record(
  {
    SdkAppid: fc.oneof(fc.constant(SDK_APP_ID), textValue),
    CallbackCommand: fc.oneof(
      fc.constant(COMMAND),
      fc.constant(COMMAND),
      fc.constant('OfficialAccount.CallbackAfterAddSubscriber'),
      textValue,
    ),
    contenttype: fc.oneof(fc.constant('json'), textValue),
    ClientIP: textValue,
    OptPlatform: fc.oneof(fc.constantFrom('RESTAPI', 'Web', 'iOS', 'macOS', 'Harmony'), textValue),
    sign: fc.oneof(
      fc.constant('valid'),
      fc.constant('valid'),
      textValue,
      fc.string({
        unit: fc.integer({ min: 0, max: 15 }).map((digit) => digit.toString(16)),
        minLength: 64,
        maxLength: 64,
      }),
    ),
    RequestTime: fc.oneof(fc.constant(String(NOW_SECONDS)), fc.integer().map(String), textValue),
    repeat: fc.constantFrom(undefined, 'CallbackCommand', 'Sign', 'SdkAppid'),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), textValue, { maxKeys: 3 }),
  },
  { requiredKeys: ['CallbackCommand'] },
);

type FuzzQuery = typeof queryArbitrary extends fc.Arbitrary<infer T> ? T : never;

const TENCENT_PARAMETERS = [
  'CallbackCommand',
  'SdkAppid',
  'contenttype',
  'ClientIP',
  'OptPlatform',
  'Sign',
  'RequestTime',
];

/**
 * Whether the query is surely Tencent's for the server: it names our command, no extra parameter
 * can clash with Tencent's, and (when the server checks them) its Sign, RequestTime and SdkAppid
 * are the genuine ones. A repeat in `urlFrom` repeats a value as it is, which is accepted.
 */
function surelyAuthenticated(query: FuzzQuery, checksSign: boolean): boolean {
  if (query.CallbackCommand !== COMMAND) return false;
  if (Object.keys(query.extra ?? {}).some((name) => TENCENT_PARAMETERS.includes(name))) return false;
  if (!checksSign) return true;
  return query.sign === 'valid' && query.RequestTime === String(NOW_SECONDS) && query.SdkAppid === SDK_APP_ID;
}

function urlFrom(query: FuzzQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query.extra ?? {})) params.append(name, value);
  const { sign, repeat, extra: _extra, ...known } = query;
  for (const [name, value] of Object.entries(known)) if (typeof value === 'string') params.append(name, value);
  if (sign !== undefined) params.append('Sign', sign === 'valid' ? computeSign(TOKEN, query.RequestTime ?? '') : sign);
  if (repeat !== undefined) params.append(repeat, params.get(repeat) ?? 'x');
  return `${PATH}?${params.toString()}`;
}

/** Length in code points, which is what the schema's maxLength counts. */
function codePoints(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}

const userId = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40, unit: 'grapheme' }));

const bodyArbitrary: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  // Well-formed events with arbitrary subscribers: these reach decide.
  fc
    .array(userId, { maxLength: 30 })
    .map((ids) =>
      JSON.stringify(eventWith({ SubscribeAccountList: ids.map((Subscriber_Account) => ({ Subscriber_Account })) })),
    ),
  // Events with one field replaced by any JSON value.
  fc
    .record({
      field: fc.constantFrom(
        'CallbackCommand',
        'Official_Account',
        'Operator_Account',
        'SubscribeAccountList',
        'EventTime',
        '__proto__',
        'constructor',
      ),
      value: fc.jsonValue(),
    })
    .map(({ field, value }) =>
      JSON.stringify(eventWith()).replace(/^\{/, `{${JSON.stringify(field)}:${JSON.stringify(value)},`),
    ),
  fc.json(),
  fc.string(),
  fc.uint8Array({ maxLength: 2000 }),
);

const contentTypeArbitrary = fc.constantFrom(
  undefined,
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);

/** How the request is framed and what else its headers say; none of it may change the outcome's shape. */
const headersArbitrary = fc.record({
  contentType: contentTypeArbitrary,
  chunks: fc.integer({ min: 0, max: 3 }),
  extra: fc.dictionary(
    fc.constantFrom('Accept', 'Content-Encoding', 'X-Forwarded-For', 'User-Agent', 'Content-Language', 'X-Request-Id'),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
    { maxKeys: 3 },
  ),
});

type FuzzHeaders = typeof headersArbitrary extends fc.Arbitrary<infer T> ? T : never;

interface Answer {
  status: number;
  body: unknown;
}

/** Sends the body with a Content-Length (`chunks` 0) or chunked in up to three pieces. */
function post(port: number, path: string, body: string | Uint8Array, fuzzHeaders: FuzzHeaders): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { contentType, chunks: pieces, extra } = fuzzHeaders;
    const headers: http.OutgoingHttpHeaders = { ...extra };
    if (contentType) headers['Content-Type'] = contentType;
    if (pieces > 0) headers['Transfer-Encoding'] = 'chunked';
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { notJson: text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    const size = Math.ceil(bytes.length / Math.max(pieces, 1));
    for (let piece = 1; piece < pieces; piece += 1) req.write(bytes.subarray((piece - 1) * size, piece * size));
    req.end(bytes.subarray(Math.max(pieces - 1, 0) * size));
  });
}

function assertDocumentedAnswer(answer: Answer): void {
  if (answer.status === PASSED_ON) {
    expect(answer.body).toEqual(expect.objectContaining({ passedOn: true }));
    return;
  }
  expect(DOCUMENTED_STATUSES).toContain(answer.status);
  const body = answer.body as Record<string, unknown>;
  if (answer.status === 200) {
    expect(body['ActionStatus']).toBe('OK');
    if (body['ErrorCode'] === 0) {
      expect(Object.keys(body).sort()).toEqual([
        'ActionStatus',
        'ErrorCode',
        'ErrorInfo',
        'RefusedSubscribers_Account',
      ]);
      expect(body['RefusedSubscribers_Account']).toEqual(expect.any(Array));
    }
  } else {
    expect(body).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 1,
      ErrorInfo: expect.stringMatching(/^ERR_[A-Z_0-9]+: [^\n]+$/),
    });
    expect(body['ErrorInfo']).not.toMatch(/exploded|rejected|TOKEN|xxxxyyyy/);
  }
}

describe.each<[string, Partial<BeforeAddSubscriberOptions>]>([
  ['without authentication', {}],
  ['with token and sdkAppId', { token: TOKEN, sdkAppId: SDK_APP_ID, now: () => NOW_SECONDS * 1000 }],
])('any request %s', (_name, options) => {
  let server: http.Server;
  let port: number;
  const unhandled = jest.fn();

  beforeAll(async () => {
    process.on('unhandledRejection', unhandled);
    server = serverWith('express5', {
      decide: erraticDecide,
      bodyLimitBytes: 4096,
      ...options,
    } as BeforeAddSubscriberOptions);
    port = await listen(server);
  });
  afterAll(async () => {
    process.off('unhandledRejection', unhandled);
    await close(server);
  });

  it('gets a documented status and a Tencent-shaped JSON body, or is passed on; never a 5xx, whatever the headers', async () => {
    await fc.assert(
      fc.asyncProperty(queryArbitrary, bodyArbitrary, headersArbitrary, async (query, body, headers) => {
        const answer = await post(port, urlFrom(query), body, headers);
        assertDocumentedAnswer(answer);
        // A genuine callback always gets a decision in a 200, whatever its body and headers.
        if (surelyAuthenticated(query, options.token !== undefined)) expect(answer.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('answers every signed request with a 200, whatever its body and headers', async () => {
    const signed = `${PATH}?SdkAppid=${SDK_APP_ID}&CallbackCommand=${COMMAND}&RequestTime=${NOW_SECONDS}&Sign=${computeSign(TOKEN, NOW_SECONDS)}`;
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, headersArbitrary, async (body, headers) => {
        const answer = await post(port, signed, body, headers);
        assertDocumentedAnswer(answer);
        expect(answer.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('refuses only subscribers that were asked about, in request order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          userId.filter((id) => codePoints(id) <= 32),
          { maxLength: 30 },
        ),
        async (ids) => {
          const signed = `${PATH}?SdkAppid=${SDK_APP_ID}&CallbackCommand=${COMMAND}&RequestTime=${NOW_SECONDS}&Sign=${computeSign(TOKEN, NOW_SECONDS)}`;
          const body = JSON.stringify(
            eventWith({ SubscribeAccountList: ids.map((Subscriber_Account) => ({ Subscriber_Account })) }),
          );
          const answer = await post(port, signed, body, { contentType: 'application/json', chunks: 0, extra: {} });
          const distinct = [...new Set(ids)];
          const empty = ids.indexOf('');
          if (empty !== -1) {
            expect(answer).toEqual({
              status: 200,
              body: {
                ActionStatus: 'OK',
                ErrorCode: 1,
                ErrorInfo: `ERR_BODY_INVALID: body.SubscribeAccountList[${empty}].Subscriber_Account must not be shorter than 1 character(s)`,
              },
            });
            return;
          }
          expect(answer.status).toBe(200);
          const refused = (answer.body as { RefusedSubscribers_Account: string[] }).RefusedSubscribers_Account;
          expect(refused).toEqual(distinct.filter((id) => refused.includes(id)));
          expect(new Set(refused).size).toBe(refused.length);
        },
      ),
      { numRuns: RUNS },
    );
    expect(unhandled).not.toHaveBeenCalled();
  });
});
