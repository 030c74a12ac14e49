import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Profile.CallbackPortraitSet',
  page: '1047/48733',
  summary: 'A user’s profile was updated, by the user from a client or by the app admin through the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'From_Account', 'ProfileItem', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Profile.CallbackPortraitSet' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that made the update (the app admin’s for a REST API call).',
      },
      From_Account: { ...userId, description: 'The UserID whose profile was updated.' },
      ProfileItem: {
        type: 'array',
        description: 'The profile fields that were updated, with their new values; the old values are not sent.',
        items: {
          title: 'ProfileItem',
          description: 'One updated profile field.',
          type: 'object',
          required: ['Tag', 'Value'],
          properties: {
            Tag: {
              type: 'string',
              description:
                'The field’s tag, e.g. `Tag_Profile_IM_Nick`, `Tag_Profile_IM_Gender`, `Tag_Profile_IM_AllowType` or a custom `Tag_Profile_Custom_…` (1047/33520).',
            },
            Value: {
              type: ['string', 'integer'],
              description: 'The new value: a string or an unsigned integer, depending on the tag.',
            },
          },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Profile.CallbackPortraitSet',
    Operator_Account: 'id1',
    From_Account: 'id1',
    EventTime: 1656921052497,
    ProfileItem: [
      { Tag: 'Tag_Profile_IM_Nick', Value: 'nick1' },
      { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male' },
      { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' },
      { Tag: 'Tag_Profile_Custom_Data', Value: 'your custom data' },
    ],
  },
  drift: [
    'The page types `Value` as “uint32/string”: both are accepted, and narrowing on `Tag` is up to the app.',
    'The callback fires only when the console’s profile-change subscription is on.',
  ],
});
