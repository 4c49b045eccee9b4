/**
 * `npm run questions:check`: validates the whole bank (schema, unique ids, key points made in the
 * model answers, answer lengths, spread) and, when the source document is beside the project,
 * that no question copies ten words in a row from it. Exits 1 on any problem.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BANK_TARGETS, checkQuestion, checkSpread, copiedPhrases, phraseSet } from '../src/questions/check-bank.ts';
import { loadQuestions, QuestionBankError } from '../src/questions/load-questions.ts';

const dir = process.argv[2] ?? process.env.QUIZ_QUESTIONS_DIR ?? 'questions';
const seedDir = path.resolve('..', 'shared', 'seed');

try {
  const questions = await loadQuestions(dir);
  const findings = questions.flatMap((q) => checkQuestion(q, BANK_TARGETS));
  if (existsSync(seedDir)) {
    const source = readdirSync(seedDir)
      .map((name) => readFileSync(path.join(seedDir, name), 'utf8'))
      .join('\n');
    const phrases = phraseSet(source);
    for (const q of questions) {
      for (const phrase of copiedPhrases(q, phrases))
        findings.push({ file: q.file, message: `copies the source document: "${phrase}"` });
    }
  }
  const spread = checkSpread(questions, BANK_TARGETS);
  for (const f of findings) console.error(`${f.file}: ${f.message}`);
  for (const s of spread) console.error(`bank: ${s}`);
  const count = (d: string) => questions.filter((q) => q.difficulty === d).length;
  console.log(
    `${questions.length} questions (easy ${count('easy')}, medium ${count('medium')}, hard ${count('hard')}), ${questions.filter((q) => q.example).length} with examples: ${findings.length + spread.length === 0 ? 'all checks pass' : `${findings.length + spread.length} problems`}`,
  );
  process.exit(findings.length + spread.length === 0 ? 0 : 1);
} catch (error) {
  if (error instanceof QuestionBankError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
