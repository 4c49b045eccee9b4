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
import { planRuns, verifyExample } from '../../src/questions/verify-examples.ts';
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
