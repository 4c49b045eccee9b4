/**
 * Finds the program of an `output` question: the one ```python block of its `## Question`
 * section. The prompt keeps the block for display; `questions:verify` runs what this returns.
 */

/** Longer programs do not fit a chat message next to their options. */
export const PROGRAM_LINES_MAX = 30;

const PYTHON_BLOCK = /^```python[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

/**
 * `lineOffset` counts lines from the section's first line (0) to the line the problem is on;
 * absent, the problem is the section as a whole.
 */
export type ExtractedProgram = { program: string } | { problem: string; lineOffset?: number };

/** `section` is the text of `## Question`, from its first non-blank line. */
export function extractProgram(section: string): ExtractedProgram {
  const blocks = [...section.matchAll(PYTHON_BLOCK)];
  const lineOf = (offset: number) => section.slice(0, offset).split('\n').length - 1;
  if (blocks.length !== 1) {
    const problem = `an output question's "## Question" holds exactly one \`\`\`python block, the program; it has ${blocks.length}`;
    return blocks.length > 1 ? { problem, lineOffset: lineOf(blocks[1]?.index ?? 0) } : { problem };
  }
  const block = blocks[0];
  const program = block?.[1] ?? '';
  const lines = program.replace(/\n$/, '').split('\n').length;
  if (program.trim() === '') return { problem: 'the program is empty', lineOffset: lineOf(block?.index ?? 0) };
  if (lines > PROGRAM_LINES_MAX)
    return {
      problem: `the program has ${lines} lines; at most ${PROGRAM_LINES_MAX} fit beside the options`,
      lineOffset: lineOf(block?.index ?? 0),
    };
  return { program };
}
