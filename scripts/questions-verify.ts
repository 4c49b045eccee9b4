/**
 * `npm run questions:verify`: runs every example, and every `output` question's program, on every
 * CPython found (QUIZ_PYTHONS, else PATH and pyenv's installs), from 3.11 or the question's `since`
 * up. Examples must print their `text` block exactly; a program must print its correct option on
 * every version, the same twice on the first, and none of its wrong options. Prints one line per
 * version; exits 1 on any failure, or if a question has no interpreter new enough.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { findPythons, OLDEST_VERIFIED, type PythonInterpreter } from '../src/questions/find-pythons.ts';
import { loadQuestions } from '../src/questions/load-questions.ts';
import { type ExampleResult, type ExampleRun, planRuns, verifyExample } from '../src/questions/verify-examples.ts';
import { verifyPrograms } from '../src/questions/verify-outputs.ts';

const started = performance.now();
const bank = await loadQuestions(process.argv[2] ?? process.env.QUIZ_QUESTIONS_DIR ?? 'questions');
const questions = bank.filter((q) => q.example);
const programs = bank.filter((q) => q.format === 'output');
const { pythons, unusable } = await findPythons();
for (const problem of unusable) console.error(problem);
if (pythons.length === 0) {
  console.error(
    `No CPython ${OLDEST_VERIFIED} or newer found on PATH or under pyenv: install one, or name interpreters in QUIZ_PYTHONS`,
  );
  process.exit(1);
}
console.log(
  `Running ${questions.length} examples and ${programs.length} output program${programs.length === 1 ? '' : 's'} on ${pythons.map((p) => `${p.version} (${p.executable})`).join(', ')}`,
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
const outputs = await verifyPrograms(programs, pythons, jobs);

/** "passed 3, failed 0" (never "3 passed": CI reads that shape as a test summary). */
function tally(mine: ExampleResult[], total: number): string {
  const failed = mine.filter((r) => r.status === 'failed').length;
  const later = total - mine.length;
  return `passed ${mine.length - failed}, failed ${failed}${later > 0 ? `, ${later} skipped: need a newer Python` : ''}`;
}

function programResults(python: PythonInterpreter): ExampleResult[] {
  return programs.flatMap((q) => {
    const verdict = outputs.verdicts.get(q)?.get(python.version);
    return verdict ? [verdict] : [];
  });
}

// Each program ran once per version, and once more on the first.
const programRuns = [...outputs.verdicts.values()].reduce((n, byVersion) => n + byVersion.size + 1, 0);
let failed = tooNew.length + outputs.tooNew.length;
for (const python of pythons) {
  const mine = runs.filter((run) => run.python === python).map((run) => results.get(run) as ExampleResult);
  const programsHere = programResults(python);
  console.log(
    `${python.version.padEnd(8)} examples ${tally(mine, questions.length)}; output programs ${tally(programsHere, programs.length)}`,
  );
  const failures = [...mine, ...programsHere]
    .filter((r) => r.status === 'failed')
    .sort((a, b) => a.id.localeCompare(b.id));
  for (const f of failures) {
    if (f.status === 'failed') console.log(`  FAILED ${f.id} (${f.file}) on ${python.version}: ${f.reason}`);
  }
  failed += failures.length;
}
for (const q of [...tooNew, ...outputs.tooNew]) {
  console.log(
    `  NOT RUN ${q.id} (${q.file}): needs Python ${q.since}, newest found is ${pythons.at(-1)?.version}; install it or add it to QUIZ_PYTHONS`,
  );
}
console.log(
  `Python processes started: ${runs.length + programRuns}, wall time ${((performance.now() - started) / 1000).toFixed(1)} seconds`,
);
process.exit(failed > 0 || unusable.length > 0 ? 1 : 0);
