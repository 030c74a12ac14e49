// Schema pieces of the Group family that only the topic, alarm and extension commands use; the
// family-wide ones are in ./shared.ts.
import { groupType } from './shared.js';

/** `Type` in the topic callbacks: the type of the community that holds the topics, always `Community`. */
export const communityType = {
  ...groupType,
  description: 'The group type of the community that holds the topic: `Community`.',
} as const;
