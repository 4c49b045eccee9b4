import { describe, expect, it } from 'vitest';
import { assessAnswer, coverageSummary, mentionsTerm, splitsCode, termParts } from '../../src/core/keypoints.ts';

describe('key-point matching', () => {
  it('ignores case and punctuation and needs whole words', () => {
    expect(mentionsTerm('Take the LOCK first.', 'lock')).toBe(true);
    expect(mentionsTerm('use asyncio.run()', 'asyncio run')).toBe(true);
    expect(mentionsTerm('a deadlock', 'lock')).toBe(false);
    expect(mentionsTerm('blocking', 'lock')).toBe(false);
  });

  it('accepts simple plurals on either side', () => {
    expect(mentionsTerm('two locks', 'lock')).toBe(true);
    expect(mentionsTerm('one process', 'processes')).toBe(true);
    expect(mentionsTerm('all the queues', 'queue')).toBe(true);
    expect(mentionsTerm('race conditions', 'race condition')).toBe(true);
    expect(mentionsTerm('many entries', 'entry')).toBe(true);
  });

  it('needs a phrase in order', () => {
    expect(mentionsTerm('the global interpreter lock', 'global interpreter lock')).toBe(true);
    expect(mentionsTerm('global lock of the interpreter', 'global interpreter lock')).toBe(false);
  });

  it('reports covered and missed key points in their order', () => {
    const points = [
      { label: 'A', terms: ['lock'] },
      { label: 'B', terms: ['gil', 'global interpreter lock'] },
      { label: 'C', terms: ['join'] },
    ];
    expect(assessAnswer('Grab a lock, then join.', points)).toEqual({ covered: ['A', 'C'], missed: ['B'] });
    expect(assessAnswer('', points)).toEqual({ covered: [], missed: ['A', 'B', 'C'] });
  });
});

describe('reading the sentence', () => {
  it('compares lemmas, so inflections meet', () => {
    expect(mentionsTerm('it copied the context', 'copies the context')).toBe(true);
    expect(mentionsTerm('the data were pickled', 'datum')).toBe(true);
  });

  it('keeps code identifiers whole and literal', () => {
    expect(mentionsTerm('Use asyncio.to_thread(f) here.', 'asyncio.to_thread')).toBe(true);
    expect(mentionsTerm('Use asyncio.to_thread(f) here.', 'to_thread')).toBe(true);
    expect(mentionsTerm('pass Thread(context=ctx)', 'Thread(context=)')).toBe(true);
    expect(mentionsTerm('guard it with if __name__ == "__main__":', '__main__')).toBe(true);
    expect(mentionsTerm('forkserver is the default in 3.14.', '3.14')).toBe(true);
    expect(mentionsTerm('forkserver is the default in 3.14.', '3.1')).toBe(false);
    expect(mentionsTerm('call fut.cancelled() to see', 'cancelled()')).toBe(true);
    expect(mentionsTerm('the threading module', 'thread')).toBe(false);
  });

  it('never ends a sentence at a dot glued to code', () => {
    expect(mentionsTerm('call .result() on it and it blocks', 'result + blocks')).toBe(true);
    expect(mentionsTerm('use copy_context().run(f) in the thread', 'copy_context + in the thread')).toBe(true);
    expect(mentionsTerm('use copy_context().run(f) in the thread', 'copy_context().run')).toBe(true);
    expect(mentionsTerm('obj.method() releases it', 'obj.method + releases')).toBe(true);
    expect(mentionsTerm('It waits. Then it releases the lock', 'waits + releases')).toBe(false);
  });

  it('keeps I/O one word wherever it is, and its full stop a full stop', () => {
    expect(mentionsTerm('It waits on I/O. Then the GIL is released', 'I/O + released')).toBe(false);
    expect(mentionsTerm('Threads help with I/O.', 'help with I/O')).toBe(true);
    expect(mentionsTerm('the work is I/O-bound', 'IO-bound')).toBe(true);
    expect(mentionsTerm('blocking i/o releases the GIL', 'I/O releases')).toBe(true);
  });

  it('does not credit a term inside a negated clause', () => {
    expect(mentionsTerm('asyncio.to_thread does not copy the context', 'copy the context')).toBe(false);
    expect(mentionsTerm("wait() doesn't release the lock", 'releases the lock')).toBe(false);
    expect(mentionsTerm('it never releases the lock', 'releases the lock')).toBe(false);
    expect(mentionsTerm('it no longer holds the lock', 'holds the lock')).toBe(false);
    expect(mentionsTerm('nothing flows back to the parent', 'flows back')).toBe(false);
  });

  it('ends a negation at the end of its clause', () => {
    expect(mentionsTerm('it is not a thread but a coroutine', 'coroutine')).toBe(true);
    expect(mentionsTerm("wait() doesn't spin and releases the lock", 'releases the lock')).toBe(true);
    expect(mentionsTerm("it doesn't copy because it releases the lock", 'releases the lock')).toBe(true);
    expect(mentionsTerm('no, it releases the lock', 'releases the lock')).toBe(true);
    expect(mentionsTerm('The free-threaded build runs without the GIL', 'free-threaded build runs')).toBe(true);
    expect(mentionsTerm('without a lock it races', 'lock')).toBe(true);
  });

  it('ends a negation inside a relative clause on the subject before the main verb', () => {
    const ext = "An extension that doesn't declare support re-enables the GIL";
    expect(mentionsTerm(ext, 're-enables the GIL')).toBe(true);
    expect(mentionsTerm(ext, 'not declare support')).toBe(true);
    const coro = 'coroutines that were never awaited are reported with a traceback';
    expect(mentionsTerm(coro, 'reported with a traceback')).toBe(true);
    expect(mentionsTerm(coro, 'never awaited')).toBe(true);
    expect(mentionsTerm('coroutines that were never awaited are not reported', 'reported')).toBe(false);
    expect(mentionsTerm('a lock that is not released deadlocks the program', 'deadlocks the program')).toBe(true);
    // a clause on the object, or a parenthetical one, runs to its comma or the sentence's end
    expect(mentionsTerm('A thread that holds the lock does not release it', 'release it')).toBe(false);
    expect(mentionsTerm('I use a lock that does not spin the CPU', 'spin the CPU')).toBe(false);
    expect(mentionsTerm('process_time(), which does not include time spent sleeping', 'time spent sleeping')).toBe(
      false,
    );
  });

  it('reads "no" after a preposition as negating its noun phrase only', () => {
    expect(mentionsTerm('a long computation with no await blocks the event loop', 'blocks the event loop')).toBe(true);
    expect(mentionsTerm('a long computation with no await blocks the event loop', 'with no await')).toBe(true);
    expect(mentionsTerm("code with no await can't interleave", 'not interleave')).toBe(true);
    expect(mentionsTerm("code with no await can't interleave", 'interleave')).toBe(false);
    expect(mentionsTerm('there is no lock around it', 'lock around it')).toBe(false);
  });

  it('matches a negative term only where the answer negates too', () => {
    expect(mentionsTerm('counter += 1 is not atomic', 'not atomic')).toBe(true);
    expect(mentionsTerm("counter += 1 isn't atomic", 'not atomic')).toBe(true);
    expect(mentionsTerm('counter += 1 is never atomic', 'not atomic')).toBe(true);
    expect(mentionsTerm('counter += 1 is atomic', 'not atomic')).toBe(false);
    expect(mentionsTerm('nothing flows back to the parent', 'not flow back')).toBe(true);
  });

  it('needs every part of an a + b term in one sentence, in any order', () => {
    expect(mentionsTerm('In 2.6 we got multiprocessing.', 'multiprocessing + 2.6')).toBe(true);
    expect(mentionsTerm('multiprocessing came later. It was 2.6 for threading.', 'multiprocessing + 2.6')).toBe(false);
    expect(mentionsTerm('Is it 2.6?\n\n- multiprocessing arrived', 'multiprocessing + 2.6')).toBe(false);
    expect(mentionsTerm('run_in_executor does not copy it', 'run_in_executor + not copy')).toBe(true);
    expect(mentionsTerm('run_in_executor copies it', 'run_in_executor + not copy')).toBe(false);
  });
});

describe('term parts', () => {
  it('splits on a spaced + outside backticks only', () => {
    expect(termParts('to_thread + copies')).toEqual(['to_thread', 'copies']);
    expect(termParts('C++ + a+b')).toEqual(['C++', 'a+b']);
    expect(termParts('`i = i + 1` + not atomic')).toEqual(['i = i + 1', 'not atomic']);
    expect(mentionsTerm('i = i + 1 is not atomic', '`i = i + 1` + not atomic')).toBe(true);
    expect(mentionsTerm('i = i is fine. 1 is not atomic', '`i = i + 1` + not atomic')).toBe(false);
  });

  it('spots a + that seems to cut an expression apart', () => {
    expect(splitsCode('i = i + 1')).toBe(true);
    expect(splitsCode('D[x] = D[x] + 1')).toBe(true);
    expect(splitsCode('`i = i + 1`')).toBe(false);
    expect(splitsCode('D[x] = y + not thread-safe')).toBe(false);
    expect(splitsCode('multiprocessing + 2.6')).toBe(false);
    expect(splitsCode('Windows + 61')).toBe(false);
  });
});

describe('misconceptions', () => {
  const points = [
    {
      label: 'to_thread copies the context',
      terms: ['to_thread + copies'],
      wrong: [
        {
          claim: 'to_thread does not copy the context',
          terms: ['to_thread + not copy'],
          truth: "to_thread runs the function in a copy of the caller's context",
        },
      ],
    },
    { label: 'B', terms: ['shallow'] },
  ];

  it('forfeits the point and names the misconception', () => {
    expect(assessAnswer('to_thread does not copy the context. The copy is shallow.', points)).toEqual({
      covered: ['B'],
      missed: ['to_thread copies the context'],
      wrong: [
        {
          claim: 'to_thread does not copy the context',
          truth: "to_thread runs the function in a copy of the caller's context",
        },
      ],
    });
  });

  it('forfeits the point even when the answer also says a term', () => {
    const verdict = assessAnswer('to_thread copies the context. Well, actually to_thread does not copy it.', points);
    expect(verdict.covered).toEqual([]);
    expect(verdict.wrong).toHaveLength(1);
  });

  it('credits the point when no misconception is stated', () => {
    expect(assessAnswer('to_thread copies the context.', points)).toEqual({
      covered: ['to_thread copies the context'],
      missed: ['B'],
    });
  });
});

describe('coverage summary with a misconception', () => {
  it('follows the count with a stated misconception and its truth', () => {
    const answer = {
      covered: ['A', 'C'],
      missed: ['B', 'D'],
      wrong: [{ claim: 'fork is still the Linux default', truth: '3.14 switched to forkserver' }],
    };
    expect(coverageSummary(answer, ['A', 'B', 'C', 'D'])).toBe(
      "2/4 key points (missed 2, 4) · ⚠ 'fork is still the Linux default' — 3.14 switched to forkserver",
    );
  });
});

describe('coverage summary', () => {
  const points = ['A', 'B', 'C', 'D'];

  it('numbers the missed points, or ticks a full answer', () => {
    expect(coverageSummary({ covered: ['A', 'C'], missed: ['B', 'D'] }, points)).toBe('2/4 key points (missed 2, 4)');
    expect(coverageSummary({ covered: points, missed: [] }, points)).toBe('4/4 key points ✓');
  });
});
