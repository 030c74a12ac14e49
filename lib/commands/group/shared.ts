// Schema pieces of the Group family (1047/34368–34378, 46979, and the topic, attribute and
// receipt pages). A command's file spreads a piece and may give it its own `description`.
import { groupMemberEntry } from '../shared/schemas.js';

/**
 * `Type`: the group's type. Which spelling of the renamed types reaches callbacks is not
 * documented, and the Live product's copies of the message callbacks write `Live`: an open string.
 */
export const groupType = {
  type: 'string',
  description:
    'The group’s type: `Public`, `Work` (`Private` in older apps), `Meeting` (`ChatRoom` in older apps), `AVChatRoom` or `Community`; other values may come (the Live product’s rooms send `Live`).',
} as const;

/** `Name`: a group's name. */
export const groupName = { type: 'string', description: 'The group’s name.' } as const;

/** A list of group members, `[{ "Member_Account": "<UserID>" }]`. */
export const groupMemberList = { type: 'array', items: groupMemberEntry } as const;

/** `TopicId`: a topic of a community with topics enabled, e.g. `@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic`. */
export const topicId = {
  type: 'string',
  description:
    'The topic’s ID (e.g. `@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic`), only in communities with topics enabled.',
} as const;

/** `MsgId`: the ID a client gave a message, e.g. `144115233406643804-1727580296-4026038328` (Chinese pages). */
export const clientMsgId = {
  type: 'string',
  description:
    'The message’s unique ID on the client (e.g. `144115233406643804-1727580296-4026038328`); documented on the Chinese pages only.',
} as const;

/** `UserDefinedDataList`: the group's custom fields, `[{ "Key": …, "Value": … }]` (1047/33530). */
export const userDefinedDataList = {
  type: 'array',
  description:
    'The group’s custom fields (a feature to be switched on in the console; 1047/33530), one entry per field.',
  items: {
    title: 'GroupUserDefinedData',
    type: 'object',
    description: 'One custom field of a group.',
    required: ['Key'],
    properties: {
      Key: { type: 'string', description: 'The custom field’s name, as configured in the console.' },
      Value: { type: 'string', description: 'The custom field’s value.' },
    },
  },
} as const;
