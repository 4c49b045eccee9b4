/**
 * Loads the question bank from Markdown files with YAML front matter. Every problem is reported
 * with the file and line it is on, and a bank with any problem is refused as a whole: a bot that
 * silently skipped a broken question would hide it from review.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, parseDocument } from 'yaml';
import type { ChoiceOption, Question } from '../core/types.ts';
import { frontMatterSchema, type OptionFields } from './schema.ts';
import { extractProgram } from './extract-program.ts';
import { unwrapParagraphs } from './unwrap.ts';

export interface BankProblem {
  file: string;
  line: number;
  message: string;
}

export class QuestionBankError extends Error {
  constructor(readonly problems: BankProblem[]) {
    super(
      `The question bank has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems
        .map((p) => `  ${p.file}:${p.line}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'QuestionBankError';
  }
}

const SECTIONS = ['Question', 'Model answer', 'Example', 'Pitfalls'] as const;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Where a problem is in the YAML: the node at `issuePath`, or, for a field that is missing, the
 * nearest enclosing node that is there (the option that lacks a "why"); 0 for the top level.
 */
function offsetOf(doc: Document, issuePath: readonly PropertyKey[]): number {
  for (let depth = issuePath.length; depth > 0; depth--) {
    const node = doc.getIn(issuePath.slice(0, depth) as (string | number)[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

/** Parses one file; returns the question or the problems found in it. */
export function parseQuestionFile(file: string, source: string): { question?: Question; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  const text = source.replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) {
    report(1, 'missing YAML front matter: the file must start with a line "---", the fields, and another "---"');
    return { problems };
  }
  const yamlText = match[1] ?? '';
  const doc = parseDocument(yamlText, { prettyErrors: false });
  for (const error of doc.errors) report(1 + lineOf(yamlText, error.pos[0]), `YAML: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { problems };
  const data: unknown = doc.toJS();
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      report(
        1 + lineOf(yamlText, offsetOf(doc, issue.path)),
        `${issue.path.join('.') || 'front matter'}: ${issue.message}`,
      );
    }
    return { problems };
  }
  const fm = parsed.data;
  const expectedId = path.basename(file, '.md');
  if (fm.id !== expectedId) report(2, `id "${fm.id}" must equal the file name "${expectedId}"`);
  if (/^team-\d+$/.test(fm.id))
    report(2, `id "${fm.id}" is reserved for questions written by a team in chat: rename it (e.g. "from-${fm.id}")`);

  const bodyStart = match[0].length;
  const body = text.slice(bodyStart);
  const bodyLine = lineOf(text, bodyStart);
  /** `line`: the heading's line; `contentLine`: the line the trimmed content starts on. */
  const sections = new Map<string, { content: string; line: number; contentLine: number }>();
  const headings = [...body.matchAll(/^## (.+)$/gm)];
  for (const [i, heading] of headings.entries()) {
    const name = (heading[1] ?? '').trim();
    const line = bodyLine + lineOf(body, heading.index ?? 0) - 1;
    if (!(SECTIONS as readonly string[]).includes(name)) {
      report(line, `unknown section "## ${name}": use ${SECTIONS.map((s) => `"## ${s}"`).join(', ')}`);
      continue;
    }
    if (sections.has(name)) report(line, `section "## ${name}" appears twice`);
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[i + 1]?.index ?? body.length;
    const raw = body.slice(start, end);
    const contentLine = bodyLine + lineOf(body, start + raw.length - raw.trimStart().length) - 1;
    sections.set(name, { content: raw.trim(), line, contentLine });
  }
  const prompt = sections.get('Question');
  const answer = sections.get('Model answer');
  if (!prompt?.content) report(bodyLine, 'missing or empty "## Question" section');
  if (!answer?.content) report(bodyLine, 'missing or empty "## Model answer" section');

  let example: Question['example'];
  const exampleSection = sections.get('Example');
  if (exampleSection) {
    const code = /```python\n([\s\S]*?)```/.exec(exampleSection.content);
    const output = /```text\n([\s\S]*?)```/.exec(exampleSection.content);
    if (!code || !output) {
      report(
        exampleSection.line,
        'the "## Example" section needs a ```python block and a ```text block with its exact output',
      );
    } else {
      example = { code: code[1] ?? '', output: output[1] ?? '' };
    }
  }
  let program: string | undefined;
  if (fm.format === 'output' && prompt?.content) {
    const extracted = extractProgram(prompt.content);
    if ('problem' in extracted)
      report(
        extracted.lineOffset === undefined ? prompt.line : prompt.contentLine + extracted.lineOffset,
        extracted.problem,
      );
    else program = extracted.program;
  }
  if (problems.length > 0 || !prompt || !answer) return { problems };
  return {
    problems,
    question: {
      id: fm.id,
      title: fm.title,
      format: fm.format,
      ...(fm.options ? { options: fm.options.map(toChoiceOption) } : {}),
      ...(program !== undefined ? { program } : {}),
      topics: fm.topics,
      difficulty: fm.difficulty,
      // Button questions are scored exactly; an empty list keeps key-point code paths harmless.
      keyPoints: fm.keyPoints ?? [],
      ...(fm.since ? { since: fm.since } : {}),
      references: fm.references,
      prompt: unwrapParagraphs(prompt.content),
      modelAnswer: unwrapParagraphs(answer.content),
      ...(example ? { example } : {}),
      ...(sections.get('Pitfalls')?.content
        ? { pitfalls: unwrapParagraphs(sections.get('Pitfalls')?.content ?? '') }
        : {}),
      file,
    },
  };
}

function toChoiceOption(option: OptionFields): ChoiceOption {
  return { text: option.text, correct: option.correct === true, ...(option.why ? { why: option.why } : {}) };
}

/** Loads every `*.md` (except README.md) in `dir`; throws QuestionBankError listing all problems. */
export async function loadQuestions(dir: string): Promise<Question[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
  } catch (error) {
    throw new QuestionBankError([
      { file: dir, line: 0, message: `cannot read the question directory: ${(error as Error).message}` },
    ]);
  }
  const problems: BankProblem[] = [];
  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const result = parseQuestionFile(file, await readFile(file, 'utf8'));
    problems.push(...result.problems);
    if (!result.question) continue;
    const first = seen.get(result.question.id);
    if (first) problems.push({ file, line: 2, message: `duplicate id "${result.question.id}" (also in ${first})` });
    seen.set(result.question.id, file);
    questions.push(result.question);
  }
  if (names.length === 0) problems.push({ file: dir, line: 0, message: 'no question files (*.md) found' });
  if (problems.length > 0) throw new QuestionBankError(problems);
  return questions;
}
