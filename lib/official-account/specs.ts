// The 11 Official Account commands as data: each command's kind, schema and example, which is all
// the engine needs to run it. Adding a command of this family means adding a line here.
import type { CommandSpec } from '../engine/command-spec.js';
import {
  AFTER_ADD_SUBSCRIBER_COMMAND,
  AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  AFTER_DELETE_SUBSCRIBER_COMMAND,
  AFTER_MSG_WITH_DRAW_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
  AFTER_SEND_MSG_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
  type OfficialAccountCommand,
} from './commands.js';
import type { OfficialAccountEvents } from './events.js';
import {
  afterAddSubscriberExample,
  afterCreateOfficialAccountExample,
  afterDeleteSubscriberExample,
  afterMsgWithDrawExample,
  afterOfficialAccountDestroyedExample,
  afterOfficialAccountFullExample,
  afterOfficialAccountInfoChangedExample,
  afterSendMsgExample,
  beforeAddSubscriberExample,
  beforeCreateOfficialAccountExample,
  beforeSendMsgExample,
} from './examples.js';
import {
  afterAddSubscriberSchema,
  afterCreateOfficialAccountSchema,
  afterDeleteSubscriberSchema,
  afterMsgWithDrawSchema,
  afterOfficialAccountDestroyedSchema,
  afterOfficialAccountFullSchema,
  afterOfficialAccountInfoChangedSchema,
  afterSendMsgSchema,
  beforeAddSubscriberSchema,
  beforeCreateOfficialAccountSchema,
  beforeSendMsgSchema,
} from './schemas.js';

/**
 * The kind of each Official Account command: the three Before callbacks each gate something
 * (1047/60795, 60799, 60803); Tencent ignores the replies to the eight After callbacks (1047/34354).
 */
export interface OfficialAccountKinds {
  [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: 'creation-gate';
  [AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND]: 'notification';
  [AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND]: 'notification';
  [AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND]: 'notification';
  [BEFORE_ADD_SUBSCRIBER_COMMAND]: 'subscriber-gate';
  [AFTER_ADD_SUBSCRIBER_COMMAND]: 'notification';
  [AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND]: 'notification';
  [AFTER_DELETE_SUBSCRIBER_COMMAND]: 'notification';
  [BEFORE_SEND_MSG_COMMAND]: 'message-gate';
  [AFTER_SEND_MSG_COMMAND]: 'notification';
  [AFTER_MSG_WITH_DRAW_COMMAND]: 'notification';
}

/** The spec of one Official Account command, with its event type and its kind. */
export type OfficialAccountSpec<C extends OfficialAccountCommand> = CommandSpec<C, OfficialAccountEvents[C]> & {
  readonly kind: OfficialAccountKinds[C];
};

/** Each Official Account command's spec, keyed by command. */
export type OfficialAccountSpecs = { readonly [C in OfficialAccountCommand]: OfficialAccountSpec<C> };

/** The 11 Official Account commands as data; `OFFICIAL_ACCOUNT_SPECS[command]` is typed for that command. */
export const OFFICIAL_ACCOUNT_SPECS: OfficialAccountSpecs = Object.freeze({
  [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: {
    command: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
    kind: 'creation-gate',
    schema: beforeCreateOfficialAccountSchema,
    example: beforeCreateOfficialAccountExample,
  },
  [AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND]: {
    command: AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
    kind: 'notification',
    schema: afterCreateOfficialAccountSchema,
    example: afterCreateOfficialAccountExample,
  },
  [AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND]: {
    command: AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
    kind: 'notification',
    schema: afterOfficialAccountInfoChangedSchema,
    example: afterOfficialAccountInfoChangedExample,
  },
  [AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND]: {
    command: AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
    kind: 'notification',
    schema: afterOfficialAccountDestroyedSchema,
    example: afterOfficialAccountDestroyedExample,
  },
  [BEFORE_ADD_SUBSCRIBER_COMMAND]: {
    command: BEFORE_ADD_SUBSCRIBER_COMMAND,
    kind: 'subscriber-gate',
    schema: beforeAddSubscriberSchema,
    example: beforeAddSubscriberExample,
  },
  [AFTER_ADD_SUBSCRIBER_COMMAND]: {
    command: AFTER_ADD_SUBSCRIBER_COMMAND,
    kind: 'notification',
    schema: afterAddSubscriberSchema,
    example: afterAddSubscriberExample,
  },
  [AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND]: {
    command: AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
    kind: 'notification',
    schema: afterOfficialAccountFullSchema,
    example: afterOfficialAccountFullExample,
  },
  [AFTER_DELETE_SUBSCRIBER_COMMAND]: {
    command: AFTER_DELETE_SUBSCRIBER_COMMAND,
    kind: 'notification',
    schema: afterDeleteSubscriberSchema,
    example: afterDeleteSubscriberExample,
  },
  [BEFORE_SEND_MSG_COMMAND]: {
    command: BEFORE_SEND_MSG_COMMAND,
    kind: 'message-gate',
    schema: beforeSendMsgSchema,
    example: beforeSendMsgExample,
  },
  [AFTER_SEND_MSG_COMMAND]: {
    command: AFTER_SEND_MSG_COMMAND,
    kind: 'notification',
    schema: afterSendMsgSchema,
    example: afterSendMsgExample,
  },
  [AFTER_MSG_WITH_DRAW_COMMAND]: {
    command: AFTER_MSG_WITH_DRAW_COMMAND,
    kind: 'notification',
    schema: afterMsgWithDrawSchema,
    example: afterMsgWithDrawExample,
  },
});
