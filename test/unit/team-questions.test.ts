/** Questions written by the team, played through the core on a fake clock, on both stores. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { parseQuestionFile } from '../../src/questions/load-questions.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { makeBank, makeQuiz, type QuizHarness } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const HOUR = 3_600_000;
const ann = { id: 'ann', name: 'Ann' };
const bob = { id: 'bob', name: 'Bob' };
const lead = { id: 'lead', name: 'Lead' };

class NotifyingAdapter extends RecordingAdapter {
  readonly notes: { userId: string; text: string }[] = [];
  async notifyUser(userId: string, text: string) {
    this.notes.push({ userId, text });
  }
}

const stores: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => createRedisStore(redisUrlForTests(), freshPrefix(), silentLogger)],
];
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Two servers (or workspaces) of one platform, a scheduled channel in each, a bank of one question. */
function world(platform: Platform, makeStore: () => Store) {
  const store = makeStore();
  opened.push(store);
  const adapter = new NotifyingAdapter(platform);
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([[platform, adapter]]),
    store,
    bank: makeBank(1),
    settings: { userCommandsPerMinute: 0 },
  });
  const one = { channel: `${platform}:C1` as ChannelId, space: 'S1' };
  const two = { channel: `${platform}:C2` as ChannelId, space: 'S2' };
  const run = (where: typeof one, text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ ...where, caller, isAdmin, text }) as Promise<Reply>;
  const submit = (where: typeof one, caller = ann, draft = GOOD_DRAFT) =>
    h.quiz.submitSuggestion({ ...where, caller, draft });
  return { ...h, adapter, one, two, run, submit };
}

/** Plays daily 09:00 rounds (4 h windows) from 08:00 to 08:00 `days` later. */
async function playDays(h: QuizHarness, days: number) {
  for (let i = 0; i < days; i++) {
    h.clock.advance(HOUR);
    await h.quiz.tick();
    h.clock.advance(5 * HOUR);
    await h.quiz.tick();
    h.clock.advance(18 * HOUR);
  }
}

for (const [storeName, makeStore] of stores) {
  describe(`team questions (${storeName} store)`, () => {
    it('opens the form for everyone and keeps the draft with every problem listed', async () => {
      const w = world('discord', makeStore);
      expect(await w.run(w.one, 'suggest', ann, false)).toEqual({ visibility: 'private', kind: 'suggest-form' });
      const draft = { ...GOOD_DRAFT, title: '', keyPoints: 'one | x' };
      const reply = await w.submit(w.one, ann, draft);
      expect(reply).toMatchObject({ kind: 'suggestion-problems', draft });
      if (reply.kind !== 'suggestion-problems') return;
      expect(new Set(reply.problems.map((p) => p.field))).toEqual(new Set(['title', 'keyPoints']));
      expect(await w.store.listSuggestions('discord:S1', 'pending')).toEqual([]);
    });

    it('takes at most three pending suggestions per person and space, with a clear refusal', async () => {
      const w = world('slack', makeStore);
      for (let i = 1; i <= 3; i++)
        expect(await w.submit(w.one)).toEqual({
          visibility: 'private',
          kind: 'suggestion-received',
          id: `team-${i}`,
          title: GOOD_DRAFT.title,
        });
      expect(await w.submit(w.one)).toMatchObject({
        kind: 'refusal',
        code: 'too-many-suggestions',
        message: expect.stringContaining('3 suggestions'),
      });
      expect(await w.submit(w.two)).toMatchObject({ kind: 'suggestion-received' });
      expect(await w.submit(w.one, bob)).toMatchObject({ kind: 'suggestion-received' });
    });

    it('shows admins only their own space’s pending suggestions, and members none', async () => {
      const w = world('discord', makeStore);
      await w.submit(w.one);
      await w.submit(w.two, bob);
      expect(await w.run(w.one, 'suggestions', ann, false)).toMatchObject({ kind: 'refusal', code: 'not-admin' });
      const listed = await w.run(w.one, 'suggestions');
      expect(listed).toMatchObject({
        kind: 'suggestions',
        items: [
          {
            id: 'team-1',
            author: { id: 'ann', name: 'Ann' },
            title: GOOD_DRAFT.title,
            topics: ['queue'],
            difficulty: 'easy',
          },
        ],
      });
      expect(await w.run(w.two, 'suggestions')).toMatchObject({ kind: 'suggestions', items: [{ id: 'team-2' }] });
    });

    it('approves by button, tells the author privately, and refuses a second decision and other spaces', async () => {
      const w = world('slack', makeStore);
      await w.submit(w.one);
      const decide = (where: typeof w.one, decision: 'approve' | 'reject', isAdmin = true) =>
        w.quiz.decideSuggestion({ ...where, caller: lead, isAdmin, suggestionId: 'team-1', decision });
      expect(await decide(w.one, 'approve', false)).toMatchObject({ kind: 'refusal', code: 'not-admin' });
      expect(await decide(w.two, 'approve')).toMatchObject({ kind: 'refusal', code: 'no-such-suggestion' });
      expect(await decide(w.one, 'approve')).toEqual({
        visibility: 'private',
        kind: 'suggestion-decided',
        id: 'team-1',
        title: GOOD_DRAFT.title,
        decision: 'approved',
      });
      expect(w.adapter.notes).toEqual([{ userId: 'ann', text: expect.stringContaining('was approved') }]);
      expect(await decide(w.one, 'reject')).toMatchObject({
        kind: 'refusal',
        code: 'no-such-suggestion',
        message: expect.stringContaining('approved already'),
      });
    });

    it('rejects by typed command with a reason the author reads', async () => {
      const w = world('discord', makeStore);
      await w.submit(w.one);
      expect(await w.run(w.one, 'suggestions reject team-1 we asked this last month')).toMatchObject({
        kind: 'suggestion-decided',
        decision: 'rejected',
      });
      expect(w.adapter.notes[0]?.text).toContain('The reason given: we asked this last month');
      expect(await w.run(w.one, 'suggestions approve')).toMatchObject({ kind: 'refusal', code: 'no-such-suggestion' });
    });

    for (const platform of ['discord', 'slack'] as const) {
      it(`asks an approved question in its own ${platform} space's rotation, marked as the team's, and never in another`, async () => {
        const w = world(platform, makeStore);
        await w.submit(w.one);
        await w.run(w.one, 'suggestions approve team-1');
        await w.run(w.one, 'schedule 09:00 UTC daily 4h');
        await w.run(w.two, 'schedule 09:00 UTC daily 4h');
        await playDays(w, 4);
        const asked = (channel: string) =>
          w.adapter.posts.filter((p) => p.channel === channel.split(':')[1]).map((p) => p.view.question);
        const inOne = asked(w.one.channel);
        // The bank's one question and the team's one: no repeat until both were asked.
        expect(new Set(inOne.slice(0, 2).map((q) => q.id))).toEqual(new Set(['q1', 'team-1']));
        expect(inOne.find((q) => q.id === 'team-1')?.fromTeam).toEqual({ author: 'Ann' });
        expect(asked(w.two.channel).map((q) => q.id)).toEqual(['q1', 'q1', 'q1', 'q1']);
        // Practice: in the first space the team's question can be handed out; never in the second.
        expect(await w.run(w.one, 'practice queue', bob, false)).toMatchObject({
          kind: 'practice',
          question: { id: 'team-1' },
        });
        expect(await w.run(w.two, 'practice queue', bob, false)).toMatchObject({
          kind: 'refusal',
          code: 'no-questions',
        });
      });
    }

    it('plays a team question to its reveal with key-point feedback', async () => {
      const w = world('discord', makeStore);
      await w.submit(w.one);
      await w.run(w.one, 'suggestions approve team-1');
      await w.run(w.one, 'schedule 09:00 UTC daily 4h');
      // q1 or team-1 first: play until the team's question is open.
      w.clock.advance(HOUR);
      await w.quiz.tick();
      if (w.adapter.posts.at(-1)?.view.question.id !== 'team-1') {
        w.clock.advance(5 * HOUR);
        await w.quiz.tick();
        w.clock.advance(19 * HOUR);
        await w.quiz.tick();
      }
      const post = w.adapter.posts.at(-1);
      expect(post?.view.question.id).toBe('team-1');
      const outcome = await w.quiz.threadMessage({
        channel: w.one.channel,
        threadId: post?.ref.threadId ?? '',
        messageId: 'm1',
        author: { id: 'bob', name: 'Bob', isBot: false },
        text: 'Every producer blocks on put once the queue fills up.',
      });
      expect(outcome).toBe('recorded');
      // Retired while open: the round still reveals with its model answer.
      expect(await w.run(w.one, 'retire team-1')).toMatchObject({ kind: 'retired', id: 'team-1' });
      w.clock.advance(5 * HOUR);
      await w.quiz.tick();
      const reveal = w.adapter.reveals.at(-1)?.view;
      expect(reveal?.modelAnswer).toBe(GOOD_DRAFT.modelAnswer);
      expect(reveal?.question.fromTeam).toEqual({ author: 'Ann' });
      const feedback = await w.run(w.one, 'feedback', bob, false);
      expect(feedback).toMatchObject({
        kind: 'round-feedback',
        feedback: { covered: ['Producers wait on the full queue'] },
      });
      // Retired: never asked again.
      w.clock.advance(18 * HOUR);
      await playDays(w, 3);
      expect(w.adapter.posts.slice(-3).map((p) => p.view.question.id)).toEqual(['q1', 'q1', 'q1']);
      expect(await w.run(w.one, 'retire team-1')).toMatchObject({ kind: 'refusal', code: 'no-such-suggestion' });
    });

    it('counts the team’s questions when a schedule filters by topic, in their own space only', async () => {
      const w = world('discord', makeStore);
      await w.submit(w.one);
      await w.run(w.one, 'suggestions approve team-1');
      expect(await w.run(w.one, 'schedule 09:00 UTC daily queue')).toMatchObject({
        kind: 'scheduled',
        matchingQuestions: 1,
      });
      expect(await w.run(w.two, 'schedule 09:00 UTC daily queue')).toMatchObject({
        kind: 'refusal',
        code: 'invalid-schedule',
      });
      expect(await w.run(w.one, 'retire team-1')).toMatchObject({ kind: 'retired' });
      expect(await w.run(w.one, 'retire team-1')).toMatchObject({
        kind: 'refusal',
        message: '"team-1" is retired: only an approved question can be retired.',
      });
    });

    it('exports the approved questions as files the bank loader accepts', async () => {
      const w = world('slack', makeStore);
      await w.submit(w.one);
      await w.submit(w.one, bob, { ...GOOD_DRAFT, title: 'A second one', topicAndDifficulty: '' });
      await w.submit(w.one);
      await w.run(w.one, 'suggestions approve team-1');
      await w.run(w.one, 'suggestions approve team-2');
      expect(await w.run(w.two, 'export')).toMatchObject({ kind: 'refusal', code: 'no-questions' });
      expect(await w.run(w.one, 'export', ann, false)).toMatchObject({ kind: 'refusal', code: 'not-admin' });
      const reply = await w.run(w.one, 'export');
      expect(reply.kind).toBe('export');
      if (reply.kind !== 'export') return;
      expect(reply.files.map((f) => f.name)).toEqual(['from-team-1.md', 'from-team-2.md']);
      for (const file of reply.files) {
        const loaded = parseQuestionFile(`questions/${file.name}`, file.content);
        expect(loaded.problems).toEqual([]);
        expect(loaded.question).toMatchObject({ modelAnswer: GOOD_DRAFT.modelAnswer, prompt: GOOD_DRAFT.question });
      }
      expect(parseQuestionFile('q/from-team-2.md', reply.files[1]?.content ?? '').question).toMatchObject({
        title: 'A second one',
        topics: ['patterns'],
        difficulty: 'medium',
      });
    });

    it('forget-me deletes pending suggestions and shows approved ones as a former member’s', async () => {
      const w = world('discord', makeStore);
      await w.submit(w.one);
      await w.submit(w.one);
      await w.run(w.one, 'suggestions approve team-1');
      expect(await w.run(w.one, 'forget-me', ann, false)).toMatchObject({ kind: 'forgotten' });
      expect(await w.run(w.one, 'suggestions')).toMatchObject({ kind: 'suggestions', items: [] });
      await w.run(w.one, 'schedule 09:00 UTC daily 4h');
      await playDays(w, 2);
      const team = w.adapter.posts.map((p) => p.view.question).find((q) => q.id === 'team-1');
      expect(team?.fromTeam).toEqual({ author: 'a former member' });
    });
  });
}
