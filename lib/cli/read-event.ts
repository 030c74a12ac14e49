import { readFileSync } from 'node:fs';
import { UsageError } from './exit-codes.js';

/** Body fields given with `--event`, as parsed. */
export type EventFields = Readonly<Record<string, unknown>>;

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function readFile(path: string): string {
  if (path === '') throw new UsageError('--event @ names no file; give --event @event.json');
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Read without `instanceof Error`: fs' errors come from node's realm, not jest's or a vm's.
    throw new UsageError(`--event @${path}: cannot read the file: ${(error as { message: string }).message}`);
  }
}

/**
 * The body fields of `--event`: a JSON object given inline, or read from a file with `@path`
 * (a JSON object can never start with `@`, so the two cannot be confused). Anything else is a
 * {@link UsageError}, caught before a request is sent.
 */
export function readEventOption(text: string): EventFields {
  const fromFile = text.startsWith('@');
  const source = fromFile ? `--event @${text.slice(1)}` : '--event';
  const json = fromFile ? readFile(text.slice(1)) : text;
  let value: unknown;
  try {
    // A file saved by an editor on Windows may start with a byte order mark.
    value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch {
    // Not JSON.parse's own message: it differs between Node versions and may quote the whole text.
    throw new UsageError(
      fromFile
        ? `${source}: the file is not JSON`
        : `--event is not JSON; give an object such as --event '{"Name":"News"}', or --event @event.json`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source} must be a JSON object of body fields, got ${describeJsonValue(value)}`);
  }
  return value as EventFields;
}
