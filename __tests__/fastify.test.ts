// fastifyOnRequest beyond the conformance table: as a hook for every route, and with Fastify's own
// JSON parser left in place, which must never see a request that is ours.
import Fastify, { type FastifyInstance } from 'fastify';
import request from 'supertest';
import { beforeAddSubscriber, fastifyOnRequest } from '../lib/index';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { callbackUrl, PATH, refusedBody, silentLogger } from './helpers/servers';

const json = JSON.stringify(tencentExampleRequest);
const gate = () =>
  beforeAddSubscriber({ logger: silentLogger(), token: false, decide: (subscriber) => subscriber !== 'jared' });

async function ready(app: FastifyInstance) {
  await app.ready();
  return app.server;
}

describe('fastifyOnRequest as a hook for every route', () => {
  async function globalHookApp() {
    const app = Fastify();
    app.addHook('onRequest', fastifyOnRequest(gate()));
    return ready(app);
  }

  it("answers Tencent's example exactly on a path with no route", async () => {
    const response = await request(await globalHookApp())
      .post(callbackUrl())
      .set('Content-Type', 'application/json')
      .send(json);
    expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
  });

  it('leaves what is not ours to Fastify, here its 404', async () => {
    const response = await request(await globalHookApp()).get(callbackUrl());
    expect([response.status, response.body]).toEqual([
      404,
      { statusCode: 404, error: 'Not Found', message: `Route GET:${callbackUrl()} not found` },
    ]);
  });
});

describe("fastifyOnRequest with Fastify's JSON parser in place", () => {
  async function routeApp() {
    const app = Fastify();
    app.post(PATH, { onRequest: fastifyOnRequest(gate()) }, async (req, reply) =>
      reply.code(299).send({ passedOn: true, parsed: req.body }),
    );
    return ready(app);
  }

  it('refuses a body that is not JSON in our 200, not with the parser’s 400', async () => {
    const response = await request(await routeApp())
      .post(callbackUrl())
      .set('Content-Type', 'application/json')
      .send('{"CallbackCommand":');
    expect([response.status, response.body]).toEqual([200, refusedBody('ERR_BODY_NOT_JSON', 'body is not valid JSON')]);
  });

  it('answers a body in a type Fastify has no parser for (415 otherwise)', async () => {
    const response = await request(await routeApp())
      .post(callbackUrl())
      .set('Content-Type', 'application/octet-stream')
      .send(json);
    expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
  });

  it('hands another command to the route, whose body Fastify then parses', async () => {
    const other = { CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber', Official_Account: '@TOA#_x' };
    const response = await request(await routeApp())
      .post(callbackUrl({ command: other.CallbackCommand }))
      .set('Content-Type', 'application/json')
      .send(other);
    expect([response.status, response.body]).toEqual([299, { passedOn: true, parsed: other }]);
  });
});
