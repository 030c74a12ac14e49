import type { CodeRange } from '../commands/define.js';
import { isPlainObject } from '../engine/plain-object.js';
import { REJECTION_INFO_MAX_LENGTH } from '../protocol/constants.js';
import type { CustomRejection } from '../types.js';

/**
 * Reads the `{ code, info }` of a `{ reject }` decision (already copied to plain data): the
 * rejection, or what is wrong with it, said after "returned …". The code must be of the family's
 * range (Tencent passes only those on to the client); `info` is bounded so an app's bug cannot send
 * a reply Tencent would refuse, and then let the action through.
 */
export function readRejection(rejection: unknown, range: CodeRange): CustomRejection | string {
  if (!isPlainObject(rejection)) return '{ reject } without { code, info }';
  const { code, info } = rejection;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < range.min || code > range.max) {
    return `a rejection code outside ${range.min}–${range.max}, the range Tencent passes to clients`;
  }
  if (typeof info !== 'string') return 'a rejection whose info is not a string';
  if (info.length > REJECTION_INFO_MAX_LENGTH) {
    return `a rejection whose info has ${info.length} characters; at most ${REJECTION_INFO_MAX_LENGTH} are sent`;
  }
  return { code, info };
}
