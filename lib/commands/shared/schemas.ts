// Schema pieces that many commands share, one home each. A command's file spreads a piece and adds
// its own `description` where the field means something particular there:
// `From_Account: { ...userId, description: 'The sender.' }`.
import { USER_ID_MAX_LENGTH } from '../../protocol/constants.js';
import type { CodeRange } from '../define.js';

// ---------------------------------------------------------------------------------------------
// Custom refusal codes: the `ErrorCode` range each family leaves to apps (families.md §"Custom
// rejection error-code ranges", inventory.md §3).

/** C2C `CallbackBeforeSendMsg` (1047/34364) and the Official Account gates (1047/60795, 60803). */
export const C2C_CUSTOM_CODES: CodeRange = { min: 120001, max: 130000 };

/** The Group gates, topic creation included (1047/34368, 34370, 34371, 34374, 49463). */
export const GROUP_CUSTOM_CODES: CodeRange = { min: 10100, max: 10200 };

/** The friend gates, for the top-level `ErrorCode` and each `ResultItem[].ResultCode` (1047/43467, 43468). */
export const SNS_CUSTOM_CODES: CodeRange = { min: 38000, max: 39000 };

// ---------------------------------------------------------------------------------------------
// Scalars

/** A UserID naming who acted, owns, sends or receives; any string. */
export const userId = { type: 'string' } as const;

/**
 * A UserID that a gate decides about: Tencent's UserIDs are at most 32 bytes, and no 32-byte
 * string has more than 32 characters, so every real UserID passes while junk is refused.
 */
export const decidedUserId = { type: 'string', minLength: 1, maxLength: USER_ID_MAX_LENGTH } as const;

/** A group's ID (`@TGS#…` when Tencent made it; apps may choose their own). */
export const groupId = { type: 'string', minLength: 1, description: 'The group’s ID.' } as const;

/** `EventTime` where every source writes a number: Unix time in milliseconds. */
export const eventTimeMs = {
  type: 'integer',
  minimum: 0,
  description: 'When the event fired, Unix time in milliseconds.',
} as const;

/**
 * `EventTime` where Tencent's examples write a string of digits while its tables say Integer (most
 * Group pages): both are accepted.
 */
export const eventTimeMsNumberOrString = {
  type: ['integer', 'string'],
  minimum: 0,
  pattern: '^[0-9]{1,16}$',
  description:
    'When the event fired, Unix time in milliseconds: a number, or a string of digits as in the examples of Tencent’s pages (`Number(EventTime)` reads both).',
} as const;

/** `MsgTime`: Unix time in seconds. */
export const msgTimeSeconds = {
  type: 'integer',
  minimum: 0,
  description: 'When the message was sent, Unix time in seconds (not milliseconds).',
} as const;

/** `MsgSeq`: the message's sequence number. */
export const msgSeq = { type: 'integer', minimum: 0, description: 'The message’s sequence number.' } as const;

/** `MsgRandom` (or `Random`): the message's random number, a 32-bit unsigned integer. */
export const msgRandom = {
  type: 'integer',
  minimum: 0,
  description: 'The message’s random number, a 32-bit unsigned integer.',
} as const;

/** `OnlineOnlyFlag`: `1` for a message to online users only. */
export const onlineOnlyFlag = {
  type: 'integer',
  minimum: 0,
  description: '`1` for a message sent only to users who are online, otherwise `0`.',
} as const;

/** `CloudCustomData`: the message's custom data, stored with it in the cloud. */
export const cloudCustomData = {
  type: 'string',
  description: 'The message’s custom data, stored in the cloud and delivered with it.',
} as const;

// ---------------------------------------------------------------------------------------------
// Message bodies (TIMMessage format, 1047/33527)

/** The `MsgType`s Tencent documents (1047/33527, and `TIMRelayElem` from the Chinese page 269/2720). */
export const MESSAGE_ELEMENT_TYPES = [
  'TIMTextElem',
  'TIMLocationElem',
  'TIMFaceElem',
  'TIMCustomElem',
  'TIMSoundElem',
  'TIMImageElem',
  'TIMFileElem',
  'TIMVideoFileElem',
  'TIMRelayElem',
] as const;

const string = { type: 'string' } as const;
const number = { type: 'number' } as const;

/** When an element has this `MsgType`, its `MsgContent` fields that are present have these types. */
function contentOf(msgType: string, properties: Readonly<Record<string, object>>, required: readonly string[] = []) {
  return {
    if: { properties: { MsgType: { const: msgType } } },
    then: { properties: { MsgContent: { type: 'object', required, properties } } },
  } as const;
}

/**
 * `MsgBody`: an array of `{ MsgType, MsgContent }`. The documented fields of each element type are
 * checked for their type when present; only a text element's `Text` is required, since messages
 * from old SDKs lack the URLs and flags of media elements. Other `MsgType`s, including any Tencent
 * adds later, pass with whatever content they carry.
 */
export const msgBody = {
  type: 'array',
  tsType: 'readonly MessageElement[]',
  description: 'The message’s elements, in TIMMessage format (1047/33527); narrow each on `MsgType`.',
  items: {
    type: 'object',
    required: ['MsgType', 'MsgContent'],
    properties: {
      MsgType: { type: 'string' },
      MsgContent: { type: 'object' },
    },
    allOf: [
      contentOf('TIMTextElem', { Text: string }, ['Text']),
      contentOf('TIMLocationElem', { Desc: string, Latitude: number, Longitude: number }),
      contentOf('TIMFaceElem', { Index: number, Data: string }),
      contentOf('TIMCustomElem', { Data: string, Desc: string, Ext: string, Sound: string }),
      contentOf('TIMSoundElem', { Url: string, UUID: string, Size: number, Second: number, Download_Flag: number }),
      contentOf('TIMImageElem', {
        UUID: string,
        ImageFormat: number,
        ImageInfoArray: {
          type: 'array',
          items: {
            type: 'object',
            properties: { Type: number, Size: number, Width: number, Height: number, URL: string },
          },
        },
      }),
      contentOf('TIMFileElem', {
        Url: string,
        UUID: string,
        FileSize: number,
        FileName: string,
        Download_Flag: number,
      }),
      contentOf('TIMVideoFileElem', {
        VideoUrl: string,
        VideoUUID: string,
        VideoSize: number,
        VideoSecond: number,
        VideoFormat: string,
        VideoDownloadFlag: number,
        ThumbUrl: string,
        ThumbUUID: string,
        ThumbSize: number,
        ThumbWidth: number,
        ThumbHeight: number,
        ThumbFormat: string,
        ThumbDownloadFlag: number,
      }),
      contentOf('TIMRelayElem', {
        Title: string,
        MsgNum: number,
        CompatibleText: string,
        AbstractList: { type: 'array', items: string },
        MsgList: { type: 'array', items: { type: 'object' } },
        JsonMsgKey: string,
      }),
    ],
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Lists

/** One entry of a Group member list (`MemberList`, `NewMemberList`, `ExitMemberList`, `DestinationMembers`). */
export const groupMemberEntry = {
  title: 'GroupMemberEntry',
  description: 'One member of a Group member list.',
  type: 'object',
  required: ['Member_Account'],
  properties: { Member_Account: { ...decidedUserId, description: 'The member’s UserID.' } },
} as const;

// ---------------------------------------------------------------------------------------------
// Commands the registry does not have

/**
 * The body of a command the package does not know (a `generic` handler's): any object, whose
 * `CallbackCommand`, when it has one, is a string (the router checks it names the query's command).
 */
export const genericEvent = { type: 'object', properties: { CallbackCommand: { type: 'string' } } } as const;
