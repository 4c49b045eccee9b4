/**
 * Question files are hard-wrapped at ~100 columns for review, but chat platforms keep every newline,
 * so the loader joins wrapped lines back into paragraphs. Fenced code, list items and headings keep
 * their own lines.
 */

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;
const BLOCK_START = /^\s*(?:#{1,6}\s|>|\|)/;

export function unwrapParagraphs(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  let joinable = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push(line);
      joinable = false;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    if (line.trim() === '') {
      out.push('');
      joinable = false;
      continue;
    }
    if (joinable && !LIST_ITEM.test(line) && !BLOCK_START.test(line)) {
      out[out.length - 1] = `${out[out.length - 1]} ${line.trim()}`;
      continue;
    }
    out.push(line.trimEnd());
    joinable = !BLOCK_START.test(line) || /^\s*>/.test(line);
  }
  return out.join('\n');
}
