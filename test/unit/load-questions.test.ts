import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BANK_TARGETS,
  checkQuestion,
  checkTermSentences,
  copiedPhrases,
  phraseSet,
} from '../../src/questions/check-bank.ts';
import { loadQuestions, parseQuestionFile, QuestionBankError } from '../../src/questions/load-questions.ts';

const good = `---
id: demo-question
title: A demo
topics: [threading]
difficulty: easy
keyPoints:
  - label: Uses a lock
    terms: [take a lock]
  - label: Joins
    terms: [join]
  - label: Starts
    terms: [start]
references:
  - https://docs.python.org/3/library/threading.html
---

## Question
Why?

## Model answer
Start the thread, take a lock, join it.

## Example
\`\`\`python
print("hi")
\`\`\`

\`\`\`text
hi
\`\`\`
`;

describe('question files', () => {
  it('parses a valid file into a question', () => {
    const { question, problems } = parseQuestionFile('questions/demo-question.md', good);
    expect(problems).toEqual([]);
    expect(question).toMatchObject({
      id: 'demo-question',
      prompt: 'Why?',
      modelAnswer: 'Start the thread, take a lock, join it.',
      example: { code: 'print("hi")\n', output: 'hi\n' },
    });
  });

  it('names the file, the line and the field of a schema problem', () => {
    const broken = good.replace('difficulty: easy', 'difficulty: tricky');
    const { problems } = parseQuestionFile('questions/demo-question.md', broken);
    expect(problems).toEqual([
      { file: 'questions/demo-question.md', line: 5, message: expect.stringContaining('difficulty') },
    ]);
  });

  it('reports YAML syntax errors, unknown topics, bad references and missing sections', () => {
    expect(
      parseQuestionFile('q/demo-question.md', good.replace('topics: [threading]', 'topics: [threading')).problems[0]
        ?.message,
    ).toMatch(/YAML/);
    expect(
      parseQuestionFile('q/demo-question.md', good.replace('[threading]', '[knitting]')).problems[0],
    ).toMatchObject({ line: 4, message: expect.stringContaining('topics.0') });
    expect(
      parseQuestionFile('q/demo-question.md', good.replace('https://docs.python.org', 'http://example.com')).problems[0]
        ?.message,
    ).toMatch(/docs.python.org/);
    expect(
      parseQuestionFile('q/demo-question.md', good.replace('## Model answer', '## Answer')).problems.map(
        (p) => p.message,
      ),
    ).toEqual([expect.stringContaining('unknown section "## Answer"'), expect.stringContaining('"## Model answer"')]);
    expect(parseQuestionFile('q/other.md', good).problems[0]?.message).toMatch(/must equal the file name/);
    expect(parseQuestionFile('q/demo-question.md', 'no front matter').problems[0]?.message).toMatch(/front matter/);
  });

  it('refuses a bank where a second file claims an id already taken, naming that file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bank-'));
    await writeFile(path.join(dir, 'demo-question.md'), good);
    await writeFile(path.join(dir, 'copy.md'), good);
    const error = await loadQuestions(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuestionBankError);
    expect((error as QuestionBankError).problems).toEqual([
      { file: path.join(dir, 'copy.md'), line: 2, message: expect.stringContaining('"demo-question"') },
    ]);
  });

  it('refuses a bank with any broken file, listing every problem', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bank-'));
    await writeFile(path.join(dir, 'demo-question.md'), good);
    await writeFile(
      path.join(dir, 'broken.md'),
      good.replace('id: demo-question', 'id: broken').replace('title: A demo\n', ''),
    );
    const error = await loadQuestions(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuestionBankError);
    expect((error as QuestionBankError).problems).toEqual([
      { file: path.join(dir, 'broken.md'), line: expect.any(Number), message: expect.stringContaining('title') },
    ]);
    expect((error as Error).message).toContain('broken.md');
  });
});

describe('bank checks', () => {
  it('flags key points the model answer does not make and answers of the wrong length', () => {
    const { question } = parseQuestionFile('q/demo-question.md', good.replace('take a lock, ', ''));
    const messages = checkQuestion(question!, BANK_TARGETS).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('"Uses a lock"'), expect.stringContaining('words')]);
  });

  it('flags a key-point term that the question itself contains', () => {
    const { question } = parseQuestionFile('q/demo-question.md', good.replace('Why?', 'Why join?'));
    expect(checkQuestion(question!, BANK_TARGETS).map((f) => f.message)).toContainEqual(
      expect.stringContaining('the term "join" is in the question itself'),
    );
  });

  it('names an a + b term the model answer never says in one sentence, an error when asked', () => {
    const together = good.replace('terms: [join]', 'terms: [join, "join + lock"]');
    const apart = together.replace('take a lock, join it.', 'take a lock. Then join it.');
    const { question } = parseQuestionFile('q/demo-question.md', apart);
    const message =
      'key point "Joins": the term "join + lock": its parts occur in the model answer but never all in one sentence';
    expect(checkTermSentences(question!).map((f) => f.message)).toEqual([expect.stringContaining(message)]);
    expect(checkQuestion(question!, { ...BANK_TARGETS, termSentences: 'error' }).map((f) => f.message)).toContainEqual(
      expect.stringContaining(message),
    );
    expect(checkQuestion(question!, BANK_TARGETS).map((f) => f.message)).not.toContainEqual(
      expect.stringContaining(message),
    );
    expect(checkTermSentences(parseQuestionFile('q/demo-question.md', together).question!)).toEqual([]);
  });

  it('names a term whose + seems to cut code apart, and one whose part the model answer lacks', () => {
    const code = good.replace('terms: [join]', 'terms: [join, "i = i + 1", "join + spin"]');
    const messages = checkQuestion(parseQuestionFile('q/demo-question.md', code).question!, BANK_TARGETS).map(
      (f) => f.message,
    );
    expect(messages).toContainEqual(expect.stringContaining('"i = i + 1" splits at " + " into "i = i", "1"'));
    expect(messages).toContainEqual(expect.stringContaining('the term "join + spin": its part "spin" does not occur'));
  });

  it('finds ten-word phrases copied from the source document', () => {
    const { question } = parseQuestionFile(
      'q/demo-question.md',
      good.replace('Why?', 'one two three four five six seven eight nine ten eleven'),
    );
    expect(copiedPhrases(question!, phraseSet('zero one two three four five six seven eight nine ten'))).toEqual([
      'one two three four five six seven eight nine ten',
    ]);
    expect(copiedPhrases(question!, phraseSet('something else entirely'))).toEqual([]);
  });
});
