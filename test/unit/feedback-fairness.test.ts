/**
 * Key-point feedback must be fair: answers a competent colleague would write in a thread cover
 * most key points, and answers about something else cover none. These are written the way people
 * actually answer in chat, not copied from the model answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assessAnswer } from '../../src/core/keypoints.ts';
import type { Question } from '../../src/core/types.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';

// Only free-text questions are judged on key points; button questions are scored exactly.
let bank: Map<string, Question>;
beforeAll(async () => {
  bank = new Map((await loadQuestions('questions')).filter((q) => q.format === 'free').map((q) => [q.id, q]));
});

function coverage(id: string, answer: string) {
  const question = bank.get(id);
  if (!question) throw new Error(`question ${id} is not a free-text question in the bank`);
  const { covered } = assessAnswer(answer, question.keyPoints);
  return covered.length / question.keyPoints.length;
}

const GOOD: Record<string, string> = {
  'gil-myths':
    'Nothing in 3.7 removed it - the GIL was rewritten back in 3.2 and it is still there in the default build. Running without it is the separate free-threaded build (PEP 703, experimental in 3.13). And no, it does not make your code thread-safe: counter += 1 is a read-modify-write so you get a lost update. Use a lock.',
  'thr-daemon-threads':
    'A daemon thread does not keep the process alive: when only daemon threads are left the interpreter exits without waiting. They get killed abruptly, so finally blocks and cleanup may not run. You must set daemon=True before start. For a clean stop use a normal non-daemon thread that checks an Event, then join it.',
  'aio-gather-vs-taskgroup':
    'gather gives results in the same order as the arguments, whatever finishes first. If b raises, the exception propagates to the await but a and c are not cancelled, they keep running. With return_exceptions=True you get the exception objects in the list instead. A TaskGroup cancels the rest when one fails and raises an ExceptionGroup.',
  'mp-start-methods':
    'fork copies the parent process, fast but unsafe if the parent has threads. spawn starts a fresh interpreter and imports your main module, slower and args must pickle. forkserver forks from a clean server process. Windows and macOS (since 3.8) default to spawn, Linux used fork and moves to forkserver in 3.14. Pick one explicitly with get_context.',
  'fut-cancellation':
    'cancel() only works while the future is still pending in the queue; once it is running it returns False and the call keeps running. A cancelled future raises CancelledError from result(). shutdown(cancel_futures=True) from 3.9 cancels all pending ones. For running work you need a cooperative stop, e.g. an Event the job checks.',
  'ctx-vs-threading-local':
    'threading.local is per thread, but all the asyncio tasks share the same thread, so the request id leaks from one request into another. Use a ContextVar from contextvars instead: each task runs in its own copy of the context, so each task sees its own request id.',
  'bug-deadlock-lock-ordering':
    'Classic deadlock: thread 1 holds A and waits for B, thread 2 holds B and waits for A, a cycle. All four Coffman conditions hold (mutual exclusion, hold and wait, no preemption, circular wait). Fix it by always taking the locks in the same global order, e.g. by account id. A timeout only lets you detect it and back off.',
  'pattern-producer-consumer':
    'Use a queue.Queue between them, it is thread-safe. Give it a maxsize so a fast producer blocks when the queue is full (backpressure). Consumers loop on get() and stop when they see a sentinel, one per consumer. Call task_done after each item (in a finally) and the producer can join() the queue to know everything is processed.',
  'ft-free-threaded-build':
    'It is the build without the GIL from PEP 703, experimental in 3.13 and supported in 3.14 but not the default. You install python3.13t or build with --disable-gil. sysconfig Py_GIL_DISABLED tells you the build supports it, and sys._is_gil_enabled() tells you if the GIL is really off. Importing an extension that does not declare support re-enables the GIL with a RuntimeWarning.',
  'perf-overheads':
    'Starting the workers costs a lot, especially with spawn, and every argument and result gets pickled and pushed through a pipe. If each task is tiny the overhead dominates, so batch with chunksize. And Amdahl: with a serial fraction the speed-up is capped at 1/(1-p) no matter how many workers.',
  'fund-concurrency-vs-parallelism':
    'Concurrency means several tasks are in progress at once and interleave; parallelism means they literally run at the same instant on multiple cores. CPython threads give you concurrency because the GIL lets one thread run bytecode at a time, and asyncio is concurrency on a single thread. For CPU-bound speed-up you need processes, native code that releases the GIL, or free-threading.',
  'thr-semaphores':
    'A semaphore is basically a counter: acquire decrements and blocks at zero, release increments. Typical use is capping concurrency, like at most 5 threads hitting the API at once. BoundedSemaphore raises ValueError if you release more times than you acquired, which catches bugs. Use it with the with statement.',
};

const OFF_TOPIC = [
  'I would add an index on the user_id column and rewrite the SQL query with a join on the orders table.',
  'Honestly no idea, I mostly write frontend code. CSS grid is my thing.',
  'The best pizza dough rests for 48 hours in the fridge before baking at a very high heat.',
  'Use Kubernetes horizontal pod autoscaling and put a CDN in front of the static files.',
];

describe('key-point feedback fairness', () => {
  for (const [id, answer] of Object.entries(GOOD)) {
    it(`credits a good chat answer to ${id} with most key points`, () => {
      expect(coverage(id, answer)).toBeGreaterThanOrEqual(0.6);
    });
  }

  it('credits no key point of any question to an off-topic answer', () => {
    const credited: string[] = [];
    for (const question of bank.values()) {
      for (const answer of OFF_TOPIC) {
        const { covered } = assessAnswer(answer, question.keyPoints);
        if (covered.length > 0) credited.push(`${question.id}: "${answer.slice(0, 30)}..." got ${covered.join('; ')}`);
      }
    }
    expect(credited).toEqual([]);
  });

  it('credits a one-word or vague answer with at most one key point', () => {
    const vague = ['threads', 'it depends', 'use async I guess', 'not sure, maybe a race?'];
    const generous: string[] = [];
    for (const question of bank.values()) {
      for (const answer of vague) {
        const { covered } = assessAnswer(answer, question.keyPoints);
        if (covered.length > 1) generous.push(`${question.id}: "${answer}" got ${covered.length}`);
      }
    }
    expect(generous).toEqual([]);
  });

  it('gives every model answer full marks against its own key points', () => {
    for (const question of bank.values()) {
      expect({ id: question.id, missed: assessAnswer(question.modelAnswer, question.keyPoints).missed }).toEqual({
        id: question.id,
        missed: [],
      });
    }
  });
});
