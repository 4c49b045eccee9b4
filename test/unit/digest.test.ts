import { describe, expect, it } from 'vitest';
import type { DigestImage, DigestView } from '../../src/core/digest-view.ts';
import { digestLines } from '../../src/core/digest-text.ts';
import { Quiz } from '../../src/core/quiz.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { DigestChart } from '../../src/ports/digest-chart.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const admin = { id: 'lead', name: 'Lead' };
/** Friday 27 November 2026, 13:15 in Berlin: the default digest after a 09:00 weekday schedule with a 4h window. */
const FIRST_DIGEST = Date.UTC(2026, 10, 27, 12, 15);

class DigestAdapter extends RecordingAdapter {
  readonly digests: { channel: string; view: DigestView; image?: DigestImage; at: number }[] = [];
  constructor(private readonly clock: FakeClock) {
    super('shell');
  }
  async postDigest(channel: string, view: DigestView, image?: DigestImage) {
    this.digests.push({ channel, view, ...(image ? { image } : {}), at: this.clock.now() });
  }
}

/** Draws nothing: these tests are about when and what; the chart has its own test. */
const chart: DigestChart & { drawn: number } = {
  drawn: 0,
  async render(view) {
    chart.drawn++;
    return { png: new Uint8Array([137, 80, 78, 71]), width: 1200, height: 600, alt: `chart of ${view.week}` };
  },
};

function replica(store: Store, clock: FakeClock) {
  const adapter = new DigestAdapter(clock);
  const quiz = new Quiz({
    store,
    bank: makeBank(),
    clock,
    logger: silentLogger,
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    random: () => 0,
    settings: { userCommandsPerMinute: 0 },
    digestChart: chart,
  });
  return { quiz, adapter };
}

type Replica = ReturnType<typeof replica>;

async function answer(r: Replica, user: string, text: string) {
  const post = r.adapter.posts.at(-1);
  if (!post) throw new Error('no question is posted');
  return r.quiz.threadMessage({
    channel: CH,
    threadId: post.ref.threadId,
    messageId: `${user}-${post.view.roundId}`,
    author: { id: user, name: user.toUpperCase(), isBot: false },
    text,
  });
}

/** Moves the clock in 15-minute steps until `until`, every replica ticking at each step, answering each new question. */
async function runUntil(clock: FakeClock, replicas: Replica[], until: number, onPost?: (r: Replica) => Promise<void>) {
  while (clock.now() < until) {
    clock.advance(15 * MIN);
    for (const r of replicas) {
      const before = r.adapter.posts.length;
      await r.quiz.tick();
      if (onPost && r.adapter.posts.length > before) await onPost(r);
    }
  }
}

const allDigests = (replicas: Replica[]) => replicas.flatMap((r) => r.adapter.digests).sort((a, b) => a.at - b.at);

describe('the weekly digest', () => {
  it('posts once a week after the last round, once across two replicas, and not in a week without rounds', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const a = replica(store, clock);
    const b = replica(store, clock);
    const replicas = [a, b];
    await a.quiz.command({
      channel: CH,
      caller: admin,
      isAdmin: true,
      text: 'schedule 09:00 Europe/Berlin weekdays 4h',
    });
    let day = 0;
    const answerAll = async (r: Replica) => {
      day++;
      await answer(r, 'ann', 'Take a lock and join the threads.');
      await answer(r, 'bob', 'No idea');
      // Cy answers from the third round on.
      if (day >= 3) await answer(r, 'cy', 'The GIL and a lock');
    };

    await runUntil(clock, replicas, FIRST_DIGEST - 15 * MIN, answerAll);
    expect(allDigests(replicas)).toHaveLength(0);
    await runUntil(clock, replicas, FIRST_DIGEST + 2 * HOUR, answerAll);
    const [first, ...others] = allDigests(replicas);
    expect(others).toHaveLength(0);
    expect(first?.at).toBe(FIRST_DIGEST);
    expect(first?.image?.alt).toBe('chart of 2026-W48');
    const view = first?.view as DigestView;
    expect(view.week).toBe('2026-W48');
    // Tuesday to Friday: the schedule was made just after Monday's slot.
    expect(view.rounds.map((r) => [r.answers, r.thisWeek])).toEqual([
      [2, true],
      [2, true],
      [3, true],
      [3, true],
    ]);
    expect(view.missed.map((m) => [m.label, m.missedBy])).toEqual([
      ['Mentions the GIL', 8],
      ['Joins the threads', 6],
      ['Uses a lock', 4],
    ]);
    // Ties share a rank, in the boards' own order.
    expect(view.streaks.map((s) => [s.rank, s.name, s.score])).toEqual([
      [1, 'BOB', 4],
      [1, 'ANN', 4],
      [3, 'CY', 2],
    ]);
    expect(view.newcomers.map((p) => p.id)).toEqual(['ann', 'bob', 'cy']);
    expect(view.hardest).toMatchObject({ kind: 'coverage', percent: 33, answers: 2, roundId: view.rounds[0]?.roundId });
    expect(view.hardest?.post).toEqual({
      messageId: `msg-${view.rounds[0]?.roundId}`,
      threadId: `thread-${view.rounds[0]?.roundId}`,
    });
    // Every number the chart shows is in the text.
    const text = digestLines(view).join('\n');
    expect(text).toContain('This week: 4 rounds, 10 answers.');
    expect(text).toContain('2, 2, 3, 3');
    expect(text).toContain(
      'Mentions the GIL (missed by 8), Joins the threads (missed by 6), Uses a lock (missed by 4)',
    );
    expect(text).toContain('Top streaks: 1. BOB 4, 1. ANN 4, 3. CY 2.');
    expect(text).toContain('Hardest question: Question');
    expect(text).toContain('(33% of its key points covered across 2 answers)');
    expect(text).toContain('First answers here this week: ANN, BOB, CY. Welcome!');

    // A restarted process on the same store runs its due jobs again: no second digest this week.
    const restarted = replica(store, clock);
    await restarted.quiz.tick();
    expect(restarted.adapter.digests).toHaveLength(0);
    expect(await restarted.quiz.digests.run(CH)).toBe('already-posted');
    replicas.push(restarted);

    // Week 2: five rounds, nobody new; the chart's eight weeks hold both weeks.
    await runUntil(clock, replicas, FIRST_DIGEST + 7 * DAY + HOUR, answerAll);
    expect(allDigests(replicas)).toHaveLength(2);
    const second = allDigests(replicas)[1]?.view as DigestView;
    expect(second.week).toBe('2026-W49');
    expect(second.rounds.filter((r) => r.thisWeek)).toHaveLength(5);
    expect(second.rounds).toHaveLength(9);
    expect(second.newcomers).toEqual([]);

    // Week 3: the channel refuses every post, so no round is revealed and no digest goes out.
    for (const r of replicas) r.adapter.refuseAllPosts = true;
    await runUntil(clock, replicas, FIRST_DIGEST + 14 * DAY + HOUR);
    expect(allDigests(replicas)).toHaveLength(2);
    expect(await a.quiz.digests.run(CH)).toBe('no-rounds');

    // Week 4: rounds again, a digest again, with the earlier weeks in its chart.
    for (const r of replicas) r.adapter.refuseAllPosts = false;
    await runUntil(clock, replicas, FIRST_DIGEST + 21 * DAY + HOUR, answerAll);
    const digests = allDigests(replicas);
    expect(digests.map((d) => [d.view.week, d.at])).toEqual([
      ['2026-W48', FIRST_DIGEST],
      ['2026-W49', FIRST_DIGEST + 7 * DAY],
      ['2026-W51', FIRST_DIGEST + 21 * DAY],
    ]);
    expect(digests[2]?.view.rounds.map((r) => r.thisWeek)).toEqual([...Array(9).fill(false), ...Array(5).fill(true)]);
  });

  it('follows an admin who moves it, and stays quiet when turned off', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const r = replica(store, clock);
    await r.quiz.command({
      channel: CH,
      caller: admin,
      isAdmin: true,
      text: 'schedule 09:00 Europe/Berlin weekdays 4h',
    });
    const moved = await r.quiz.command({ channel: CH, caller: admin, isAdmin: true, text: 'digest on sat 10:00' });
    // Saturday 28 November, 10:00 in Berlin.
    expect(moved).toMatchObject({ kind: 'digest', enabled: true, changed: true, nextAt: Date.UTC(2026, 10, 28, 9, 0) });
    await runUntil(clock, [r], Date.UTC(2026, 10, 28, 10, 0), (x) => answer(x, 'ann', 'a lock').then(() => undefined));
    expect(r.adapter.digests.map((d) => d.at)).toEqual([Date.UTC(2026, 10, 28, 9, 0)]);

    expect(await r.quiz.command({ channel: CH, caller: admin, isAdmin: true, text: 'digest off' })).toMatchObject({
      kind: 'digest',
      enabled: false,
    });
    await runUntil(clock, [r], Date.UTC(2026, 11, 6, 10, 0), (x) => answer(x, 'ann', 'a lock').then(() => undefined));
    expect(r.adapter.digests).toHaveLength(1);
  });

  it('shows the settings and a preview to an admin, and refuses a day without a time', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const r = replica(store, clock);
    expect(await r.quiz.command({ channel: CH, caller: admin, isAdmin: true, text: 'digest' })).toMatchObject({
      kind: 'digest',
      enabled: true,
      scheduled: false,
      changed: false,
    });
    await r.quiz.command({
      channel: CH,
      caller: admin,
      isAdmin: true,
      text: 'schedule 09:00 Europe/Berlin weekdays 4h',
    });
    await runUntil(clock, [r], MONDAY_0800_UTC + 2 * DAY, (x) => answer(x, 'ann', 'a lock').then(() => undefined));
    const shown = await r.quiz.command({ channel: CH, caller: admin, isAdmin: true, text: 'digest' });
    expect(shown).toMatchObject({ kind: 'digest', nextAt: FIRST_DIGEST, preview: { week: 'preview' } });
    expect(shown && 'preview' in shown && shown.preview?.rounds.map((x) => x.answers)).toEqual([1]);
    expect(await r.quiz.command({ channel: CH, caller: admin, isAdmin: true, text: 'digest on fri' })).toMatchObject({
      kind: 'refusal',
      code: 'invalid-schedule',
    });
    expect(
      await r.quiz.command({ channel: CH, caller: { id: 'ann', name: 'Ann' }, isAdmin: false, text: 'digest off' }),
    ).toMatchObject({
      kind: 'refusal',
      code: 'not-admin',
    });
  });
});
