import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidatePythons,
  compareVersions,
  findPythons,
  type PythonInterpreter,
  parsePythonList,
} from '../../src/questions/find-pythons.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';
import { planRuns, verifyExample } from '../../src/questions/verify-examples.ts';
import { normaliseOutput, planOutputRuns, verifyPrograms } from '../../src/questions/verify-outputs.ts';
import { makeQuestion } from '../support/fixtures.ts';

const withExample = (id: string, code: string, output: string, since?: string) =>
  makeQuestion(id, { example: { code, output }, ...(since ? { since } : {}) });

const interpreter = (version: string): PythonInterpreter => ({
  version,
  minor: version.split('.').slice(0, 2).join('.'),
  executable: `/opt/python/${version}/bin/python3`,
});

describe('example verification', () => {
  it('compares Python versions numerically, micro and free-threaded suffix included', () => {
    expect(compareVersions('3.10', '3.9')).toBeGreaterThan(0);
    expect(compareVersions('3.11', '3.11')).toBe(0);
    expect(compareVersions('3.2', '3.13')).toBeLessThan(0);
    expect(compareVersions('3.12.10', '3.12.9')).toBeGreaterThan(0);
    expect(compareVersions('3.13.0t', '3.13.0')).toBe(0);
  });

  it('passes an example whose output matches exactly, and fails one that differs or crashes', async () => {
    expect(await verifyExample(withExample('ex', 'print(6 * 7)\n', '42\n'), 'python3')).toMatchObject({
      status: 'passed',
    });
    expect(await verifyExample(withExample('ex', 'print(6 * 7)\n', '41\n'), 'python3')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('output differs'),
    });
    expect(await verifyExample(withExample('ex', 'raise SystemExit(3)\n', ''), 'python3')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('exited with 3'),
    });
  });

  it('runs examples from a file, so multiprocessing with spawn works', async () => {
    const code = [
      'import multiprocessing as mp',
      'def square(x):',
      '    return x * x',
      'if __name__ == "__main__":',
      '    with mp.get_context("spawn").Pool(2) as pool:',
      '        print(pool.map(square, [1, 2, 3]))',
      '',
    ].join('\n');
    expect(await verifyExample(withExample('ex', code, '[1, 4, 9]\n'), 'python3')).toMatchObject({ status: 'passed' });
  });
});

describe('which versions an example runs on', () => {
  const pythons = ['3.11.7', '3.12.1', '3.13.0'].map(interpreter);

  it('runs an example on every interpreter found, or from its since up', () => {
    const { runs, tooNew } = planRuns(
      [withExample('any', 'print(1)\n', '1\n'), withExample('eager', 'print(1)\n', '1\n', '3.12')],
      pythons,
    );
    const versionsOf = (id: string) => runs.filter((r) => r.question.id === id).map((r) => r.python.version);
    expect(versionsOf('any')).toEqual(['3.11.7', '3.12.1', '3.13.0']);
    expect(versionsOf('eager')).toEqual(['3.12.1', '3.13.0']);
    expect(tooNew).toEqual([]);
  });

  it('reports an example newer than every interpreter found instead of passing it silently', () => {
    const { runs, tooNew } = planRuns([withExample('future', 'print(1)\n', '1\n', '3.99')], pythons);
    expect(runs).toEqual([]);
    expect(tooNew.map((q) => q.id)).toEqual(['future']);
  });

  it('leaves out questions without an example', () => {
    expect(planRuns([makeQuestion('plain')], pythons)).toEqual({ runs: [], tooNew: [] });
  });
});

describe('finding interpreters', () => {
  let dir: string;
  // A stand-in interpreter: answers the probe the way CPython does, with the version it is given.
  const fakePython = async (file: string, answer: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `#!/bin/sh\necho "${answer}"\n`);
    await chmod(file, 0o755);
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'quizthread-pythons-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('splits QUIZ_PYTHONS on commas and colons', () => {
    expect(parsePythonList('/a/python3, /b/python3.12:/c/python3.13 ,')).toEqual([
      '/a/python3',
      '/b/python3.12',
      '/c/python3.13',
    ]);
  });

  it('looks for python3 and python3.N on PATH and for each pyenv version, passing over pyenv shims', async () => {
    const bin = path.join(dir, 'bin');
    await fakePython(path.join(bin, 'python3'), 'cpython 3.12.1 /x');
    await fakePython(path.join(bin, 'python3.12'), 'cpython 3.12.1 /x');
    await fakePython(path.join(bin, 'python3-config'), '');
    await fakePython(path.join(bin, 'python2'), '');
    const root = path.join(dir, 'pyenv');
    await fakePython(path.join(root, 'versions', '3.13.0', 'bin', 'python3'), 'cpython 3.13.0 /y');
    await mkdir(path.join(root, 'versions', 'broken'), { recursive: true });
    await fakePython(path.join(root, 'shims', 'python3'), 'cpython 3.13.0 /y');
    const PATH = [path.join(root, 'shims'), bin, path.join(dir, 'missing')].join(path.delimiter);

    expect(candidatePythons({ PATH }, root)).toEqual([
      path.join(bin, 'python3'),
      path.join(bin, 'python3.12'),
      path.join(root, 'versions', '3.13.0', 'bin', 'python3'),
    ]);
  });

  it('keeps one CPython per version from 3.11 up, oldest first, and reports unusable names in QUIZ_PYTHONS', async () => {
    const named = await Promise.all([
      fakePython(path.join(dir, 'q', 'a'), 'cpython 3.13.0 /opt/3.13/bin/python3.13'),
      fakePython(path.join(dir, 'q', 'b'), 'cpython 3.11.7 /opt/3.11/bin/python3.11'),
      fakePython(path.join(dir, 'q', 'c'), 'cpython 3.13.0 /usr/bin/python3.13'),
      fakePython(path.join(dir, 'q', 'd'), 'cpython 3.13.0t /opt/3.13t/bin/python3.13t'),
      fakePython(path.join(dir, 'q', 'e'), 'cpython 3.9.18 /opt/3.9/bin/python3.9'),
      fakePython(path.join(dir, 'q', 'f'), 'pypy 3.10.14 /opt/pypy/bin/pypy3'),
    ]);
    const missing = path.join(dir, 'q', 'missing');

    const { pythons, unusable } = await findPythons({ QUIZ_PYTHONS: [...named, missing].join(',') });

    expect(pythons).toEqual([
      { version: '3.11.7', minor: '3.11', executable: '/opt/3.11/bin/python3.11' },
      { version: '3.13.0', minor: '3.13', executable: '/opt/3.13/bin/python3.13' },
      { version: '3.13.0t', minor: '3.13', executable: '/opt/3.13t/bin/python3.13t' },
    ]);
    expect(unusable).toEqual([
      expect.stringContaining('3.9.18: older than 3.11'),
      expect.stringContaining(`${named[5]}, which does not run as CPython 3`),
      expect.stringContaining(`${missing}, which does not run as CPython 3`),
    ]);
  });

  it('finds the real interpreters of this machine when QUIZ_PYTHONS is not set', async () => {
    const { pythons } = await findPythons({ ...process.env, QUIZ_PYTHONS: '' });
    expect(pythons.length).toBeGreaterThan(0);
    for (const python of pythons) expect(compareVersions(python.minor, '3.11')).toBeGreaterThanOrEqual(0);
  });
});

describe('output programs', () => {
  let dir: string;
  let pythons: PythonInterpreter[];

  /** Writes an output question whose options are `correct` then `wrong`, and loads it as the bank would. */
  const outputQuestion = async (id: string, program: string, correct: string, wrong: string[], since?: string) => {
    const block = (text: string) => `  - text: |-\n${text.replace(/^/gm, '      ')}\n`;
    const file = [
      '---',
      `id: out-${id}`,
      'title: A program',
      'format: output',
      'topics: [threading]',
      'difficulty: easy',
      ...(since ? [`since: "${since}"`] : []),
      'options:',
      `${block(correct)}    correct: true`,
      ...wrong.map((w) => `${block(w)}    why: It is not what it prints.`),
      'references:',
      '  - https://docs.python.org/3/library/functions.html#print',
      '---',
      '',
      '## Question',
      'What does this print?',
      '',
      '```python',
      program,
      '```',
      '',
      '## Model answer',
      'It prints what it prints.',
      '',
    ].join('\n');
    const questionDir = await mkdtemp(path.join(dir, `${id}-`));
    await writeFile(path.join(questionDir, `out-${id}.md`), file);
    const [question] = await loadQuestions(questionDir);
    return question as NonNullable<typeof question>;
  };

  const verify = async (question: Awaited<ReturnType<typeof outputQuestion>>) => {
    const { verdicts } = await verifyPrograms([question], pythons);
    return [...(verdicts.get(question)?.entries() ?? [])].map(([version, result]) => ({
      version,
      reason: result.status === 'failed' ? result.reason : 'passed',
    }));
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'quizthread-outputs-'));
    ({ pythons } = await findPythons({ ...process.env, QUIZ_PYTHONS: '' }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plans a run per version from since up, and a second run on the first', () => {
    const program = (id: string, since?: string) =>
      makeQuestion(id, { format: 'output', program: 'print(1)\n', ...(since ? { since } : {}) });
    const versions = ['3.11.7', '3.12.1', '3.13.0'].map(interpreter);
    const { runs, tooNew } = planOutputRuns(
      [program('out-any'), program('out-new', '3.12'), program('out-future', '3.99'), makeQuestion('free')],
      versions,
    );
    const plan = runs.map((r) => `${r.question.id} ${r.python.version} #${r.attempt}`);
    expect(plan).toEqual([
      'out-any 3.11.7 #1',
      'out-any 3.12.1 #1',
      'out-any 3.13.0 #1',
      'out-any 3.11.7 #2',
      'out-new 3.12.1 #1',
      'out-new 3.13.0 #1',
      'out-new 3.12.1 #2',
    ]);
    expect(tooNew.map((q) => q.id)).toEqual(['out-future']);
  });

  it('ignores trailing whitespace on a line and trailing blank lines, nothing else', () => {
    expect(normaliseOutput('a  \n b\t\n\n\n')).toBe('a\n b');
    expect(normaliseOutput('\na')).toBe('\na');
  });

  it('passes a program whose correct option is what it prints on every version', async () => {
    const q = await outputQuestion('right', 'print("hi   ")\nprint("there")\nprint()', 'hi\nthere', [
      'there\nhi',
      'hi',
    ]);
    const results = await verify(q);
    expect(results.map((r) => r.version)).toEqual(pythons.map((p) => p.version));
    expect(results.every((r) => r.reason === 'passed')).toBe(true);
  });

  it('fails a correct option that is not what the program prints, on every version', async () => {
    const q = await outputQuestion('wrong-key', 'print(6 * 7)', '42.0', ['41', '6 * 7']);
    for (const { reason } of await verify(q)) {
      expect(reason).toContain('the correct option A is not what the program prints:\n    42');
    }
  });

  it('fails a wrong option that is exactly what the program prints', async () => {
    const q = await outputQuestion('two-right', 'print(6 * 7)', '42.0', ['41', '42']);
    for (const { version, reason } of await verify(q)) {
      expect(reason).toContain(`option C, marked wrong, is exactly what the program prints on ${version}`);
    }
  });

  it('fails a program whose output depends on the version, naming the versions, unless since excludes them', async () => {
    const minors = [...new Set(pythons.map((p) => p.minor))];
    expect(minors, 'this test needs a CPython 3.11 and a newer one').toContain('3.11');
    expect(minors.length).toBeGreaterThan(1);
    const program = 'import sys\nprint(sys.version_info >= (3, 12))';
    const q = await outputQuestion('by-version', program, 'True', ['False', 'None']);
    const older = pythons.filter((p) => p.minor === '3.11').map((p) => p.version);
    const newer = pythons.filter((p) => p.minor !== '3.11').map((p) => p.version);
    for (const { reason } of await verify(q)) {
      expect(reason).toContain('the program prints differently on different Python versions');
      expect(reason).toContain(`${older.join(', ')} print:\n    False`);
      expect(reason).toContain(`${newer.join(', ')} print:\n    True`);
      expect(reason).toContain('set "since"');
    }
    const fixed = await outputQuestion('by-version-since', program, 'True', ['False', 'None'], '3.12');
    expect(await verify(fixed)).toEqual(newer.map((version) => ({ version, reason: 'passed' })));
  });

  it('fails a program that prints differently on two runs of one interpreter', async () => {
    const q = await outputQuestion('luck', 'import os\nprint(os.urandom(8).hex())', 'ab', ['cd', 'ef']);
    const first = pythons[0]?.version;
    const results = await verify(q);
    expect(results.find((r) => r.version === first)?.reason).toContain(
      `the program printed differently on two runs on ${first}, so its output is luck`,
    );
  });

  it('fails a program that crashes, with the end of its error', async () => {
    const q = await outputQuestion('crash', 'print("hi")\nraise RuntimeError("nope")', 'hi', ['ho', 'ha']);
    for (const { reason } of await verify(q)) expect(reason).toMatch(/exited with 1: .*RuntimeError: nope/);
  });
});
