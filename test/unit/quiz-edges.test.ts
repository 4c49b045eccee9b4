/**
 * Edges the mutation run found untested (docs/mutation-survivors.md): a reply stamped later than the
 * bot's own clock, a store error that is not an outage, and questions on several topics.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter, ThreadMessage } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;

async function withOpenRound(store = new MemoryStore()) {
  const adapter = new RecordingAdapter('shell');
  const logger = new RecordingLogger();
  const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), store, logger });
  await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
  const reply = (user: string, receivedAt?: number): ThreadMessage => ({
    channel: CH,
    threadId: adapter.posts[0]?.ref.threadId ?? '',
    messageId: `m-${user}`,
    author: { id: user, name: user, isBot: false },
    text: 'a lock around the update',
    ...(receivedAt === undefined ? {} : { receivedAt }),
  });
  return { ...h, adapter, logger, reply };
}

describe('the quiz at its edges', () => {
  it('counts a reply stamped after the bot’s own clock as received now, not as late', async () => {
    const h = await withOpenRound();
    // An adapter's clock running hours ahead must not push an on-time answer past the reveal.
    expect(await h.quiz.threadMessage(h.reply('ann', h.clock.now() + 10 * HOUR))).toBe('recorded');
    const stats = await h.store.getUserStats(CH, 'ann', '2026-11');
    expect(stats?.total).toBe(1);
  });

  it('answers "unavailable" for a store error that is not an outage, logs it, and queues nothing', async () => {
    const store = new MemoryStore();
    const h = await withOpenRound(store);
    store.recordAnswer = async () => {
      throw new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    };
    expect(await h.quiz.threadMessage(h.reply('bob'))).toBe('unavailable');
    expect(h.quiz.pendingAnswers).toBe(0);
    expect(h.logger.entries.some((e) => e.message === 'could not record an answer')).toBe(true);
  });

  it('finds a question on several topics under any one of them', () => {
    const bank = new QuestionBank([
      makeQuestion('both', { topics: ['threading', 'asyncio'] }),
      makeQuestion('threads', { topics: ['threading'] }),
    ]);
    expect(bank.filter({ topics: ['asyncio'] }).map((q) => q.id)).toEqual(['both']);
    expect(bank.filter({ topics: ['threading'] }).map((q) => q.id)).toEqual(['both', 'threads']);
  });
});
