import { defineCommand } from '../define.js';
import { cloudCustomData, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'ContentCallback.ResultNotify',
  page: '1047/78240',
  cnPage: '269/95616',
  summary:
    'Cloud moderation judged a piece of content (a message, a profile, a group or member profile, a relationship); sent by default only for content judged a violation, or for every result if so configured.',
  kind: 'notification',
  // The body carries no `CallbackCommand`: only the query parameter names the command.
  schema: {
    type: 'object',
    required: ['Scene', 'From_Account', 'ContentType', 'CtxcbResult'],
    properties: {
      Scene: {
        type: 'string',
        description:
          'What was moderated: `C2C`, `C2CCustom` (a custom one-to-one message), `Group`, `GroupCustom`, `GroupInfo`, `GroupMemberInfo`, `RelationChain` or `UserInfo`.',
      },
      SdkAppId: {
        type: 'integer',
        description: 'The app’s SDKAppID (note the capital `I`), a number; the query string has it too.',
      },
      From_Account: { ...userId, description: 'The user who produced the content.' },
      ContactItem: {
        title: 'ContentCallbackContact',
        type: 'object',
        description: 'For a message, who it was sent to.',
        properties: {
          ContactType: { type: 'integer', description: '`1` for a one-to-one message, `2` for a group message.' },
          To_Account: { ...userId, description: 'The receiver, when `ContactType` is `1`.' },
          ToGroupId: { type: 'string', description: 'The group’s ID, when `ContactType` is `2`.' },
        },
      },
      ContentType: {
        type: 'string',
        description: 'The kind of content moderated: `Text`, `Image`, `Audio` or `Video`.',
      },
      TextContent: {
        type: ['array', 'string'],
        items: { type: 'string' },
        description:
          'The text moderated, when `ContentType` is `Text`: an array (several items for a custom message, one otherwise), or a single string as one English table types it.',
      },
      FileURL: {
        type: 'string',
        description: 'The URL of the file moderated, when `ContentType` is `Image`, `Audio` or `Video`.',
      },
      MsgID: {
        type: ['string', 'integer'],
        description:
          'For a one-to-one message its `MsgKey`; for a group message its `MsgSeq`, which may come as a number. A community SDK says a group message without one was not delivered.',
      },
      CtxcbResult: {
        type: 'integer',
        description: 'What Chat did with the content: `1` intercepted it, `0` let it through.',
      },
      CtxcbRequestId: { type: 'string', description: 'The moderation service’s ID for this check.' },
      CtxcbKeywords: { type: 'array', items: { type: 'string' }, description: 'The sensitive words the text matched.' },
      CtxcbSuggestion: {
        type: 'string',
        description: 'The moderation service’s advice: `Block`, `Review` or `Normal`.',
      },
      CtxcbLabel: {
        type: 'string',
        description:
          'The category matched: `Normal`, `Illegal`, `Abuse`, `Polity`, `Ad`, `Porn`, `Sexy`, `Terror` or `Composite`.',
      },
      CtxcbSubLabel: {
        type: 'string',
        description: 'The finer category within `CtxcbLabel` (e.g. `InsinuationPorn`).',
      },
      CtxcbSubLabelDesc: { type: 'string', description: 'A human-readable description of `CtxcbSubLabel`.' },
      CtxcbLibName: { type: 'string', description: 'The name of the keyword library that matched.' },
      CloudCustomData: {
        ...cloudCustomData,
        description: 'For a message, its `CloudCustomData` as sent; empty for the other scenes.',
      },
    },
  },
  example: {
    Scene: 'C2C',
    SdkAppId: 1400187352,
    From_Account: 'jared',
    ContactItem: { ContactType: 1, To_Account: 'Jonh' },
    ContentType: 'Text',
    TextContent: ['aaabbbccc', '1234567'],
    MsgID: '1434460578_4137340972_1661154487',
    CtxcbResult: 1,
    CtxcbRequestId: '241ed925-4c56-4357-95dd-1e6e7798f214',
    CtxcbKeywords: ['aaabbbccc', '1234567'],
    CtxcbSuggestion: 'Review',
    CtxcbLabel: 'Sexy',
    CtxcbSubLabel: 'InsinuationPorn',
    CtxcbSubLabelDesc: 'XXXX',
    CtxcbLibName: 'test',
    CloudCustomData: 'aaabbbccc',
  },
  drift: [
    'The body has no `CallbackCommand`; it is named only by the query parameter, whose URL also lacks `ClientIP` and `OptPlatform`.',
    'The body has no `EventTime`.',
    'The Chinese pages write `CtxcbSubLabelDesc` as `影射XX` where the English one writes `XXXX`; the English value is kept.',
    'The English table of 1047/77840 types `TextContent` as String, every other table and every example as an array of strings: both are accepted.',
    '`MsgID` is a String in the tables, but holds a group message’s `MsgSeq`, a number elsewhere: a number is accepted too.',
    '`SdkAppId` is in the examples and not in the tables; `CtxcbSubLabel`, `CtxcbSubLabelDesc` and `CtxcbLibName` are in the examples only.',
    'A community SDK reads `ContactItem` with a `Type` field (a class shared with a REST API); every Tencent page says `ContactType`, the only name declared.',
  ],
});
