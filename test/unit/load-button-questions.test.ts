/**
 * Button question files (`format: choice | output`): every rule of the file format refuses a
 * broken file with a message naming the file and the line the problem is on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureAdversarial } from '../../src/questions/adversarial.ts';
import { BANK_TARGETS, checkQuestion } from '../../src/questions/check-bank.ts';
import { loadQuestions, parseQuestionFile, QuestionBankError } from '../../src/questions/load-questions.ts';

const FILE = 'questions/out-demo.md';

// Line numbers are referred to in the tests below: keep the layout.
const output = `---
id: out-demo
title: What a demo prints
format: output
topics: [threading]
difficulty: easy
options:
  - text: |-
      hi
      there
    correct: true
  - text: |-
      there
      hi
    why: The prints run in the order they are written.
  - text: |-
      hi
    why: Both print calls run, one after the other.
references:
  - https://docs.python.org/3/library/functions.html#print
---

## Question
What does this program print?

\`\`\`python
print("hi")
print("there")
\`\`\`

## Model answer
It prints both lines in order.
`;

const choice = output
  .replace('id: out-demo', 'id: ch-demo')
  .replace('format: output', 'format: choice')
  .replace(
    /options:[\s\S]*?references:/,
    [
      'options:',
      '  - text: Both lines, in order',
      '    correct: true',
      '  - text: The second line first',
      '    why: The prints run in the order they are written.',
      '  - text: Only the first line',
      '    why: Both print calls run, one after the other.',
      'references:',
    ].join('\n'),
  );

const problemsOf = (source: string, file = FILE) => parseQuestionFile(file, source).problems;

describe('button question files', () => {
  it('parses an output question: options in order, no key points, the program taken from the question', () => {
    const { question, problems } = parseQuestionFile(FILE, output);
    expect(problems).toEqual([]);
    expect(question).toMatchObject({
      format: 'output',
      keyPoints: [],
      options: [
        { text: 'hi\nthere', correct: true },
        { text: 'there\nhi', correct: false, why: 'The prints run in the order they are written.' },
        { text: 'hi', correct: false, why: 'Both print calls run, one after the other.' },
      ],
      program: 'print("hi")\nprint("there")\n',
    });
    expect(question?.options?.[0]).not.toHaveProperty('why');
    // The prompt keeps the code: it is what people read before they pick.
    expect(question?.prompt).toContain('```python\nprint("hi")');
  });

  it('parses a choice question, and leaves a file without a format free-text', () => {
    const { question, problems } = parseQuestionFile('questions/ch-demo.md', choice);
    expect(problems).toEqual([]);
    expect(question).toMatchObject({
      format: 'choice',
      keyPoints: [],
      options: [{ text: 'Both lines, in order' }, {}, {}],
    });
    expect(question).not.toHaveProperty('program');
  });

  it('refuses key points on a button question, and options on a free-text one', () => {
    const withKeyPoints = output.replace('references:', 'keyPoints:\n  - label: x\n    terms: [y]\nreferences:');
    expect(problemsOf(withKeyPoints)).toContainEqual({
      file: FILE,
      line: 20,
      message: expect.stringMatching(/^keyPoints: a button question \(format: output\) has no key points/),
    });
    const free = output.replace('format: output\n', '').replace('id: out-demo', 'id: demo');
    expect(problemsOf(free, 'questions/demo.md').map((p) => p.message)).toEqual([
      expect.stringMatching(/^keyPoints: a free-text question needs 3 to 5 key points/),
      expect.stringMatching(/^options: a free-text question has no options/),
    ]);
  });

  it('refuses a button question without options, naming its format line', () => {
    const bare = output.replace(/options:[\s\S]*?references:/, 'references:');
    expect(problemsOf(bare)).toEqual([{ file: FILE, line: 4, message: expect.stringContaining('needs "options"') }]);
  });

  it('refuses an unknown format', () => {
    expect(problemsOf(output.replace('format: output', 'format: quiz'))).toEqual([
      { file: FILE, line: 4, message: expect.stringContaining('format') },
    ]);
  });

  it('wants the id prefix of the format', () => {
    const misnamed = output.replace('id: out-demo', 'id: ch-demo');
    expect(problemsOf(misnamed, 'questions/ch-demo.md')).toEqual([
      { file: 'questions/ch-demo.md', line: 2, message: expect.stringContaining('starts with "out-"') },
    ]);
  });

  it('needs 3 to 5 options', () => {
    const two = output.replace(/ {2}- text: \|-\n {6}hi\n {4}why[^\n]*\n/, '');
    expect(problemsOf(two)).toEqual([{ file: FILE, line: 8, message: expect.stringContaining('3 to 5 options') }]);
    const sixOptions = choice.replace(
      'references:',
      ['  - text: d', '    why: d.', '  - text: e', '    why: e.', '  - text: f', '    why: f.', 'references:'].join(
        '\n',
      ),
    );
    expect(problemsOf(sixOptions, 'questions/ch-demo.md')[0]?.message).toMatch(/3 to 5 options/);
  });

  it('needs exactly one correct option', () => {
    const none = output.replace('    correct: true\n', '    why: It is not.\n');
    expect(problemsOf(none)).toEqual([{ file: FILE, line: 8, message: expect.stringContaining('none has it') }]);
    const two = output.replace('    why: The prints run in the order they are written.\n', '    correct: true\n');
    expect(problemsOf(two)).toEqual([{ file: FILE, line: 8, message: expect.stringContaining('2 have it') }]);
  });

  it('wants a why on every wrong option and none on the correct one', () => {
    const noWhy = output.replace('    why: Both print calls run, one after the other.\n', '');
    expect(problemsOf(noWhy)).toEqual([
      { file: FILE, line: 16, message: expect.stringContaining('options.2.why: a wrong option needs a "why"') },
    ]);
    const whyOnCorrect = output.replace('    correct: true\n', '    correct: true\n    why: It is right.\n');
    expect(problemsOf(whyOnCorrect)).toEqual([
      { file: FILE, line: 12, message: expect.stringContaining('the correct option has no "why"') },
    ]);
  });

  it('keeps a why to one sentence of at most 160 characters', () => {
    const twoSentences = output.replace('one after the other.', 'one after the other. The second follows.');
    expect(problemsOf(twoSentences)).toEqual([
      { file: FILE, line: 18, message: expect.stringContaining('one sentence') },
    ]);
    const long = output.replace('one after the other.', `one after the other${', and so on'.repeat(20)}.`);
    expect(problemsOf(long)).toEqual([{ file: FILE, line: 18, message: expect.stringContaining('at most 160') }]);
  });

  it('refuses options that are the same but for whitespace', () => {
    const same = output.replace('      there\n      hi\n', '      hi\n      there   \n');
    expect(problemsOf(same)).toEqual([{ file: FILE, line: 12, message: expect.stringContaining('repeats option 1') }]);
  });

  it('refuses an option YAML reads as a number or boolean, which would change the text', () => {
    const number = choice.replace('  - text: Only the first line', '  - text: 1.0');
    expect(problemsOf(number, 'questions/ch-demo.md')).toEqual([
      {
        file: 'questions/ch-demo.md',
        line: 12,
        message: expect.stringContaining('options.2.text: must be text: quote it'),
      },
    ]);
  });

  it('keeps a choice option to one line of at most 200 characters', () => {
    const twoLines = choice.replace('  - text: Only the first line', '  - text: |-\n      Only the\n      first line');
    expect(problemsOf(twoLines, 'questions/ch-demo.md')).toEqual([
      { file: 'questions/ch-demo.md', line: 12, message: expect.stringContaining('one line') },
    ]);
    const long = choice.replace('Only the first line', 'x'.repeat(201));
    expect(problemsOf(long, 'questions/ch-demo.md')).toEqual([
      { file: 'questions/ch-demo.md', line: 12, message: expect.stringContaining('at most 200 characters') },
    ]);
  });

  it('keeps an output option to 8 lines of at most 70 characters', () => {
    const nine = output.replace('      hi\n    why: Both', `${'      line\n'.repeat(9)}    why: Both`);
    expect(problemsOf(nine)).toEqual([{ file: FILE, line: 16, message: expect.stringContaining('at most 8 lines') }]);
    const wide = output.replace('      hi\n    why: Both', `      ${'x'.repeat(71)}\n    why: Both`);
    expect(problemsOf(wide)).toEqual([{ file: FILE, line: 16, message: expect.stringContaining('71 characters') }]);
  });

  it('wants exactly one python block in an output question, of at most 30 lines', () => {
    const none = output.replace(/```python[\s\S]*?```\n/, 'No code here.\n');
    expect(problemsOf(none)).toEqual([{ file: FILE, line: 23, message: expect.stringContaining('it has 0') }]);
    const twoBlocks = output.replace('\n## Model answer', '\n```python\nprint(2)\n```\n\n## Model answer');
    expect(problemsOf(twoBlocks)).toEqual([{ file: FILE, line: 31, message: expect.stringContaining('it has 2') }]);
    const long = output.replace('print("hi")\n', 'print("hi")\n'.repeat(30));
    expect(problemsOf(long)).toEqual([{ file: FILE, line: 26, message: expect.stringContaining('31 lines') }]);
  });

  it('lets a choice question show code in its prompt', () => {
    const { problems, question } = parseQuestionFile(
      'questions/ch-demo.md',
      choice.replace('What does this program print?', 'Which lines does this print?'),
    );
    expect(problems).toEqual([]);
    expect(question?.prompt).toContain('```python');
  });

  it('lists every broken file of a bank, with file and line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bank-'));
    try {
      await writeFile(path.join(dir, 'out-demo.md'), output.replace('    correct: true\n', ''));
      await writeFile(path.join(dir, 'ch-demo.md'), choice.replace('Only the first line', 'Both lines,   in order'));
      const error = await loadQuestions(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuestionBankError);
      expect((error as Error).message).toContain(
        `${path.join(dir, 'ch-demo.md')}:12: options.2.text: repeats option 1`,
      );
      expect((error as Error).message).toContain(`${path.join(dir, 'out-demo.md')}:8: options: exactly one option`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('button question checks', () => {
  const answer = (words: number, extra = '') =>
    output.replace('It prints both lines in order.', `${'word '.repeat(words)}${extra}`);
  const findings = (source: string) =>
    checkQuestion(parseQuestionFile(FILE, source).question!, BANK_TARGETS).map((f) => f.message);

  it('wants a model answer of 40 to 200 words and runs no key-point checks', () => {
    expect(findings(answer(50))).toEqual([]);
    expect(findings(answer(30))).toEqual([expect.stringContaining('has 30 words')]);
    expect(findings(answer(201))).toEqual([expect.stringContaining('has 201 words')]);
  });

  it('refuses option letters in the model answer and in a why', () => {
    expect(findings(answer(50, 'so option B is wrong.'))).toEqual([expect.stringContaining('says "option B"')]);
    expect(findings(answer(50, 'Choice (c) is tempting.'))).toEqual([expect.stringContaining('says "Choice (c)"')]);
    expect(findings(answer(50, 'and the answer a reader expects.'))).toEqual([]);
    const why = answer(50).replace('one after the other.', 'unlike answer C.');
    expect(findings(why)).toEqual([expect.stringContaining('its why says "answer C"')]);
  });

  it('refuses options that point at others by position, and two options with one why', () => {
    const positional = choice.replace('Only the first line', 'None of the above');
    expect(
      checkQuestion(parseQuestionFile('questions/ch-demo.md', positional).question!, BANK_TARGETS).map(
        (f) => f.message,
      ),
    ).toContainEqual(expect.stringContaining('option 3 points at the others by position ("None of the above")'));
    const sameWhy = answer(50).replace(
      'Both print calls run, one after the other.',
      'The prints run in the order they are written.',
    );
    expect(findings(sameWhy)).toEqual([expect.stringContaining('option 3 has the same why as option 2')]);
  });

  it('refuses an adversarial suite for a button question, which has no key points to test', () => {
    const question = parseQuestionFile(FILE, output).question!;
    const fixture = { file: 'out-demo.yaml', question: 'out-demo', wrong: [], paraphrases: ['it prints hi'] };
    expect(measureAdversarial([fixture], [question])).toMatchObject({
      problems: [expect.stringContaining('button questions have no adversarial suite')],
      paraphraseTotal: 0,
      questionsCovered: 0,
    });
  });
});
