// Whatever the server sends is printed, and a hostile or broken server must not be able to drive
// the terminal: recolour it, set its title, ring its bell, move the cursor, or reorder the text
// (bidi overrides) so that a line says something it does not.

// C0 (ESC, BEL, CR…), DEL, C1 (CSI, OSC…), the line and paragraph separators, and the bidi
// embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// JSON.stringify already escapes C0 (and the line breaks between members are wanted).
const UNSAFE_AFTER_JSON_STRINGIFY = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b`, `\r`…: JSON's own escape where it has one, so text reads like the JSON around it. */
function escapeCharacter(character: string): string {
  const json = JSON.stringify(character).slice(1, -1);
  return json !== character ? json : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text on one line, with every character a terminal could act on written as an escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/**
 * The value as indented JSON that is safe to print and still parses to the same value: the
 * characters JSON.stringify leaves raw can only be inside strings, where `\uXXXX` means the same.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_AFTER_JSON_STRINGIFY, escapeCharacter);
}
