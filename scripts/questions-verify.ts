/**
 * `npm run questions:verify`: runs every example on every CPython found (QUIZ_PYTHONS, else PATH and
 * pyenv's installs), from 3.11 or the example's `since` up, and compares the output exactly. Prints
 * one line per version; exits 1 on any failure, or if an example has no interpreter new enough.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { findPythons, OLDEST_VERIFIED } from '../src/questions/find-pythons.ts';
import { loadQuestions } from '../src/questions/load-questions.ts';
import { type ExampleResult, type ExampleRun, planRuns, verifyExample } from '../src/questions/verify-examples.ts';

const started = performance.now();
const questions = (await loadQuestions(process.argv[2] ?? process.env.QUIZ_QUESTIONS_DIR ?? 'questions')).filter(
  (q) => q.example,
);
const { pythons, unusable } = await findPythons();
for (const problem of unusable) console.error(problem);
if (pythons.length === 0) {
  console.error(
    `No CPython ${OLDEST_VERIFIED} or newer found on PATH or under pyenv: install one, or name interpreters in QUIZ_PYTHONS`,
  );
  process.exit(1);
}
console.log(
  `Running ${questions.length} examples on ${pythons.map((p) => `${p.version} (${p.executable})`).join(', ')}`,
);

const { runs, tooNew } = planRuns(questions, pythons);
// Runs often wait on sleeps and child processes, so a few more jobs than cores keeps both busy.
const jobs = Math.max(2, Math.min(8, os.cpus().length * 2));
const results = new Map<ExampleRun, ExampleResult>();
const queue = [...runs];
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      results.set(run, await verifyExample(run.question, run.python.executable));
    }
  }),
);

let failed = tooNew.length;
for (const python of pythons) {
  const mine = runs.filter((run) => run.python === python).map((run) => results.get(run) as ExampleResult);
  const failures = mine.filter((r) => r.status === 'failed').sort((a, b) => a.id.localeCompare(b.id));
  const later = questions.length - mine.length;
  const note = later > 0 ? `, ${later} skipped: need a newer Python` : '';
  console.log(
    `${python.version.padEnd(8)} examples passed ${mine.length - failures.length}, failed ${failures.length}${note}`,
  );
  for (const f of failures) {
    if (f.status === 'failed') console.log(`  FAILED ${f.id} (${f.file}) on ${python.version}: ${f.reason}`);
  }
  failed += failures.length;
}
for (const q of tooNew) {
  console.log(
    `  NOT RUN ${q.id} (${q.file}): needs Python ${q.since}, newest found is ${pythons.at(-1)?.version}; install it or add it to QUIZ_PYTHONS`,
  );
}
console.log(`${runs.length} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed > 0 || unusable.length > 0 ? 1 : 0);
