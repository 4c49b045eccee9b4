/**
 * Text typed by members without control characters (line breaks and tabs kept): they show as
 * nothing on the platforms and, in a terminal, an escape sequence can move the cursor or recolour it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is this module's job.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}
