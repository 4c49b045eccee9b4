/**
 * One bot replica as a real OS process, for the multi-process tests: the quiz core on a RedisStore,
 * with an adapter that reports what it posts as JSON lines on stdout. The test drives it through
 * JSON lines on stdin, including the time, so several processes share one test clock.
 *
 * env: REDIS_URL, REDIS_PREFIX, REPLICA (a name for its reports), REPLICA_BANK (`buttons`: only
 * button questions, for the tests of picks)
 */
import { createInterface } from 'node:readline';
import { Quiz } from '../../src/core/quiz.ts';
import { channelId, type Platform, type PostRef } from '../../src/core/types.ts';
import type { RevealView, RoundPostView } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { FakeClock } from './fake-clock.ts';
import { mixedBank } from './button-bank.ts';
import { makeBank } from './fixtures.ts';

export type ReplicaRequest =
  | { id: number; op: 'tick'; now: number }
  | { id: number; op: 'command'; now: number; text: string }
  | { id: number; op: 'answer'; now: number; user: string; threadId: string; text: string }
  | { id: number; op: 'pick'; now: number; user: string; roundId: string; option: number }
  | { id: number; op: 'hang-posts' }
  | { id: number; op: 'status' };

export const REPLICA_CHANNEL = channelId('slack', 'T1:CREPLICA');
const replica = process.env.REPLICA ?? 'replica';
const emit = (value: object) => process.stdout.write(`${JSON.stringify({ replica, ...value })}\n`);

let hangPosts = false;
const adapter: ChatAdapter = {
  platform: 'slack',
  async start() {},
  async stop() {},
  isConnected: () => true,
  async postQuestion(_channel: string, view: RoundPostView): Promise<PostRef> {
    if (hangPosts) {
      // Tell the test this process now holds the post job, then never finish, like a hung process.
      emit({ event: 'post-hanging', roundId: view.roundId });
      await new Promise(() => {});
    }
    const post = { messageId: `msg-${view.roundId}`, threadId: `thread-${view.roundId}` };
    emit({ event: 'posted', roundId: view.roundId, questionId: view.question.id, threadId: post.threadId });
    return post;
  },
  async postReveal(_channel: string, _post: PostRef, view: RevealView) {
    emit({
      event: 'revealed',
      roundId: view.roundId,
      answers: view.answers.map((a) => a.user.id),
      ...(view.choice
        ? { tally: view.choice.options.map((o) => o.picks), right: view.choice.right.map((p) => p.id) }
        : {}),
    });
  },
  async postingProblem() {
    return undefined;
  },
  async warnChannel() {},
};

const clock = new FakeClock(0);
const store = createRedisStore(process.env.REDIS_URL ?? '', process.env.REDIS_PREFIX ?? 'replica:', silentLogger);
const quiz = new Quiz({
  store,
  bank: process.env.REPLICA_BANK === 'buttons' ? mixedBank(0, 3) : makeBank(),
  clock,
  logger: silentLogger,
  adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
});

async function handle(request: ReplicaRequest): Promise<unknown> {
  switch (request.op) {
    case 'tick':
      clock.set(request.now);
      return quiz.tick();
    case 'command':
      clock.set(request.now);
      return quiz.command({
        channel: REPLICA_CHANNEL,
        caller: { id: 'lead', name: 'lead' },
        isAdmin: true,
        text: request.text,
      });
    case 'answer':
      clock.set(request.now);
      return quiz.threadMessage({
        channel: REPLICA_CHANNEL,
        threadId: request.threadId,
        messageId: `m-${request.user}-${request.now}`,
        author: { id: request.user, name: request.user, isBot: false },
        text: request.text,
      });
    case 'pick':
      clock.set(request.now);
      return quiz.pick({
        channel: REPLICA_CHANNEL,
        caller: { id: request.user, name: request.user },
        roundId: request.roundId,
        option: request.option,
      });
    case 'hang-posts':
      hangPosts = true;
      return 'ok';
    case 'status':
      return { pendingAnswers: quiz.pendingAnswers };
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line) as ReplicaRequest;
  handle(request).then(
    (result) => emit({ id: request.id, result }),
    (error: unknown) => emit({ id: request.id, error: (error as Error).message }),
  );
});
emit({ event: 'ready' });
