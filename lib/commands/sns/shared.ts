// Schema pieces of the Sns (friends and blocklist) family (1047/43467, 43468, 34359–34362).
import { userId } from '../shared/schemas.js';

/**
 * One `PairList` entry of the friend-delete and blocklist callbacks (1047/34360, 34361, 34362):
 * whose list changed and who was added to it or removed from it. Each command's `PairList`
 * description says which list and which way.
 */
export const snsPair = {
  title: 'SnsPair',
  description: 'One changed relationship: `To_Account` entered or left the list of `From_Account`.',
  type: 'object',
  required: ['From_Account', 'To_Account'],
  properties: {
    From_Account: { ...userId, description: 'The user whose friend list or blocklist changed.' },
    To_Account: { ...userId, description: 'The user added to, or removed from, that list.' },
  },
} as const;
