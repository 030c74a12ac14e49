/**
 * Where a `switch` over a union has a case for every member, this is its `default`: a member added
 * later without a case fails to compile here, instead of falling into an answer that says OK.
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
