/** A suggestion that passes every check, and ways to break it, for tests of the suggestion flow. */
import type { SuggestionDraft } from '../../src/core/views.ts';

const MODEL_ANSWER = [
  'Our ingest service hands each upload to a bounded queue, and the single consumer thread writes',
  'the rows to the database. When the database slows down, the queue fills up and every producer',
  'blocks on put until the consumer frees a slot, so the web handlers stop answering.',
  'The stall is backpressure working as designed: the bound keeps memory flat instead of letting',
  'uploads pile up without limit. The fix is not a bigger bound, which only delays the stall and',
  'spends memory. Instead the handlers call put with a timeout and answer busy to the client when',
  'the timeout expires, and we run a second consumer thread so writes keep up with normal load.',
  'We also watch the queue length in our metrics, because a queue that stays near its bound for',
  'minutes tells us the database needs attention before users notice. Measuring how long each put',
  'waits shows the same trend earlier, and it costs almost nothing to record on every request.',
].join(' ');

export const GOOD_DRAFT: SuggestionDraft = {
  title: 'Why the ingest service stops answering',
  question:
    'During the database incident last week our ingest service stopped answering web requests although its CPU was idle. What was going on, and how did we change it?',
  modelAnswer: MODEL_ANSWER,
  keyPoints: [
    'Producers wait on the full queue | producer blocks on put, blocks on put, queue fills up',
    'The bound is backpressure by design | backpressure working as designed, keeps memory flat',
    'Fix: put with a timeout and more consumers | put with a timeout, second consumer thread',
  ].join('\n'),
  topicAndDifficulty: 'queue easy',
};
