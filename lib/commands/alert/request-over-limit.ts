import { defineCommand } from '../define.js';

export default defineCommand({
  command: 'Alert.RequestOverLimit',
  page: '1047/60256',
  cnPage: '269/105418',
  summary:
    'A REST API’s request rate passed 80% of its QPS limit (sent once a callback URL is set, with no switch of its own).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'ServiceName', 'Command', 'Request', 'Limit'],
    properties: {
      CallbackCommand: { const: 'Alert.RequestOverLimit' },
      ServiceName: {
        type: 'string',
        description: 'The REST API’s internal service, as in its URL `v4/<ServiceName>/<Command>` (e.g. `openim`).',
      },
      Command: {
        type: 'string',
        description: 'The REST API’s command within that service (e.g. `batchsendmsg`).',
      },
      Request: { type: 'integer', description: 'The API’s current request rate, in requests per second.' },
      Limit: { type: 'integer', description: 'The API’s QPS limit, in requests per second.' },
    },
  },
  example: {
    CallbackCommand: 'Alert.RequestOverLimit',
    ServiceName: 'openim',
    Command: 'batchsendmsg',
    Request: 510,
    Limit: 200,
  },
  drift: ['The body has no `EventTime`.', 'The request URL has `OptPlatform` but no `ClientIP`.'],
});
