import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeMiddleware } from '../node/middleware.js';

/** The parts of Fastify's request and reply this needs; written out so the package does not depend on Fastify. */
export interface FastifyRequestLike {
  raw: IncomingMessage;
}

/** The part of Fastify's reply this needs: the raw response, and `hijack()` to end Fastify's part in it. */
export interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): unknown;
}

/** A callback-style Fastify `onRequest` hook. */
export type FastifyOnRequestHook = (
  request: FastifyRequestLike,
  reply: FastifyReplyLike,
  done: (error?: Error) => void,
) => void;

/**
 * Mounts the middleware of {@link callbackRouter} or {@link beforeAddSubscriber} on Fastify as an
 * `onRequest` hook, which runs before Fastify reads or parses the body: on one route,
 * `app.post('/im/callback', { onRequest: fastifyOnRequest(router) }, notOurs)`, or for every route,
 * `app.addHook('onRequest', fastifyOnRequest(router))`. A request that is ours is answered on
 * `reply.raw` and hijacked, so Fastify neither parses its body nor replies; one that is not goes on
 * through Fastify (its parser, then the route's handler) with its body unread.
 */
export function fastifyOnRequest(webhook: NodeMiddleware): FastifyOnRequestHook {
  return function tencentChatOnRequest(request, reply, done) {
    let passedOn = false as boolean; // set by the callback below
    webhook(request.raw, reply.raw, () => {
      passedOn = true;
      done();
    });
    // The middleware passes a request on before it returns (that is decided from the method and the
    // query alone), so a request it kept is ours: Fastify's lifecycle ends here for it.
    if (!passedOn) reply.hijack();
  };
}
