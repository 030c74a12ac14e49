import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString } from '../shared/schemas.js';

export default defineCommand({
  command: 'Group.CallbackOnDailyGroupQuotaAlarm',
  page: '1047/57455',
  summary:
    'A group was created while the day’s net count of new groups (created minus dissolved) was above 70% of the app’s daily limit.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'QuotaUsed', 'Quota', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackOnDailyGroupQuotaAlarm' },
      QuotaUsed: {
        type: 'integer',
        minimum: 0,
        description: 'The day’s net count of new groups so far: groups created minus groups dissolved.',
      },
      Quota: { type: 'integer', minimum: 0, description: 'The app’s daily limit on that count.' },
      EventTime: {
        ...eventTimeMsNumberOrString,
        description: `${eventTimeMsNumberOrString.description} The page does not state the unit; its example has 13 digits, so milliseconds.`,
      },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackOnDailyGroupQuotaAlarm',
    QuotaUsed: 7321,
    Quota: 10000,
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table (“Timestamp”, no unit) but a 13-digit string in the example: both are accepted, read as milliseconds.',
    'The page says the alarm shares the switch of `Group.CallbackAfterGroupInfoChanged` and needs the topic feature; both look copied from other pages.',
    'How often the alarm repeats once past 70% (each creation, or once a day) is not documented.',
  ],
});
