import { describe, expect, it } from 'vitest';
import { compareVersions, pythonVersion, verifyExample } from '../../src/questions/verify-examples.ts';
import { makeQuestion } from '../support/fixtures.ts';

const withExample = (code: string, output: string, since?: string) =>
  makeQuestion('ex', { example: { code, output }, ...(since ? { since } : {}) });

describe('example verification', () => {
  it('compares Python versions numerically', () => {
    expect(compareVersions('3.10', '3.9')).toBeGreaterThan(0);
    expect(compareVersions('3.11', '3.11')).toBe(0);
    expect(compareVersions('3.2', '3.13')).toBeLessThan(0);
  });

  it('passes an example whose output matches exactly, and fails one that differs or crashes', async () => {
    const installed = await pythonVersion('python3');
    expect(await verifyExample(withExample('print(6 * 7)\n', '42\n'), 'python3', installed)).toMatchObject({
      status: 'passed',
    });
    expect(await verifyExample(withExample('print(6 * 7)\n', '41\n'), 'python3', installed)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('output differs'),
    });
    expect(await verifyExample(withExample('raise SystemExit(3)\n', ''), 'python3', installed)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('exited with 3'),
    });
  });

  it('reports an example that needs a newer Python as not run, never as passed', async () => {
    expect(await verifyExample(withExample('print(1)\n', '1\n', '3.99'), 'python3', '3.11')).toEqual({
      id: 'ex',
      file: 'questions/ex.md',
      status: 'not-run',
      reason: 'needs Python 3.99; python3 is 3.11',
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
    expect(
      await verifyExample(withExample(code, '[1, 4, 9]\n'), 'python3', await pythonVersion('python3')),
    ).toMatchObject({ status: 'passed' });
  });
});
