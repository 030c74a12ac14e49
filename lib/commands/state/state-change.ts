import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'State.StateChange',
  page: '1047/34357',
  summary:
    'A user’s connection changed: they logged in, logged out, or were disconnected (connection closed or heartbeat lost).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Info', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'State.StateChange' },
      Info: {
        title: 'StateChangeInfo',
        description: 'Whose state changed, and how.',
        type: 'object',
        required: ['Action', 'To_Account'],
        properties: {
          Action: {
            type: 'string',
            description:
              'What happened: `Login` (connection made), `Logout` (the user logged out) or `Disconnect` (connection lost); other values may come.',
          },
          To_Account: { ...userId, description: 'The UserID whose state changed.' },
          Reason: {
            type: 'string',
            description:
              'Why: `Register` with `Login` (connected, or reconnected after a network drop); `Unregister` with `Logout`; `LinkClose` (the connection was closed, e.g. the app was killed) or `TimeOut` (no heartbeat for 400 seconds) with `Disconnect`.',
          },
        },
      },
      KickedDevice: {
        type: 'array',
        description: 'Present only on a `Login` that forced the user’s other devices offline: the devices kicked out.',
        items: {
          title: 'StateKickedDevice',
          description: 'One device forced offline by the login.',
          type: 'object',
          required: ['Platform'],
          properties: {
            Platform: {
              type: 'string',
              description:
                'The device’s platform: `iOS`, `Android`, `Web`, `Windows`, `iPad`, `Mac` or `Linux`; other values may come.',
            },
          },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'State.StateChange',
    EventTime: 1629883332497,
    Info: { Action: 'Login', To_Account: 'testuser316', Reason: 'Register' },
    KickedDevice: [{ Platform: 'Windows' }, { Platform: 'Android' }],
  },
  drift: [
    'Newer copies of the page add a fourth trigger, setting a user’s custom status, without its `Action` or `Reason`; so `Action` and `Reason` are open strings and `Reason` is optional.',
    'With recent SDKs a login that kicks another device out sends only the `Login`; with older ones a `Logout` follows too.',
    'The page promises no delivery order and the body has no sequence number; only `EventTime` orders the events.',
    'The query’s `OptPlatform` writes `IOS` in capitals for this command only.',
  ],
});
