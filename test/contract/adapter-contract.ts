/**
 * The behaviour every chat adapter must have, from a round's post to its reveal. Run against
 * Discord, Slack and the shell through their harnesses; a scenario a platform cannot play (the shell
 * has no history, no edits, no bots) is left out by capability. A new platform feature adds a case here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuizError } from '../../src/core/errors.ts';
import { PICK_QUEUED, TOO_LATE_TO_PICK } from '../../src/core/wording.ts';
import { makeButtonBank } from '../support/button-rounds.ts';
import type { AdapterHarness, AdapterHarnessFactory } from './harnesses/adapter-harness.ts';

/** A 32-character display name in several scripts, different for each of a crowd. */
function crowdName(i: number): string {
  const name = [...`Zoë Ångström-Łukasiewicz 🐍 Ñ№${String(i).padStart(3, '0')}`];
  return name.slice(0, 32).join('');
}

/** An answer of `length` characters, about a lock and a join (and the GIL, for every third). */
function longAnswer(length: number, i: number): string {
  const points = i % 3 === 0 ? 'Take a lock, mind the GIL, and join the threads.' : 'Take a lock and join the threads.';
  const filler = ' Here is why, at length: shared updates race without one.';
  return `${points}${filler.repeat(Math.ceil(length / filler.length))}`.slice(0, length);
}

export function describeAdapterContract(name: string, factory: AdapterHarnessFactory): void {
  const can = factory.capabilities;

  describe(`${name} adapter contract`, () => {
    let h: AdapterHarness;
    beforeEach(async () => {
      h = await factory.start();
    });
    afterEach(async () => {
      await h.stop();
    });

    async function postNow() {
      await h.command('Ada', 'post-now');
      const round = await h.store.getOpenRound(h.channel);
      if (!round) throw new Error('post-now opened no round');
      return round;
    }

    describe('posting a round', () => {
      it('post-now posts the question with a thread for the answers, and tells the admin when it is revealed', async () => {
        const reply = await h.command('Ada', 'post-now');
        expect(reply.text).toMatch(/Posted[.;] the answer is revealed /i);
        if (can.privateReplies) expect(reply.visibleTo).toBe('caller');
        const round = await h.store.getOpenRound(h.channel);
        expect(round?.post?.threadId).toBeTruthy();
        const questions = h.questions();
        expect(questions).toHaveLength(1);
        expect(questions[0]?.text).toContain(`Question ${round?.questionId}`);
        expect(questions[0]?.text).toContain(`What about ${round?.questionId}?`);
      });

      it('posts at the scheduled time and reveals when the window closes', async () => {
        await h.command('Ada', 'schedule 09:00 UTC daily 1h');
        await h.advanceTo(Date.UTC(2026, 10, 23, 9, 0));
        expect(h.questions()).toHaveLength(1);
        await h.answer('Bob', 'Take a lock.');
        await h.advanceTo(Date.UTC(2026, 10, 23, 10, 0));
        expect(h.reveal()).toMatchObject({ inThread: true, answered: '1 answered' });
      });
    });

    describe('schedule', () => {
      it('lets an admin schedule the channel, answered in the channel', async () => {
        const reply = await h.command('Ada', 'schedule 09:00 Europe/Berlin weekdays 4h');
        expect(reply.text).toMatch(/^Scheduled: /);
        expect(reply.text).toContain('09:00 Europe/Berlin');
        expect(reply.visibleTo).toBe('channel');
        expect(await h.store.getSchedule(h.channel)).toMatchObject({
          hour: 9,
          minute: 0,
          timezone: 'Europe/Berlin',
          days: [1, 2, 3, 4, 5],
          windowMinutes: 240,
        });
      });

      if (can.members)
        it('refuses a member, privately, and changes nothing', async () => {
          const reply = await h.command('Bob', 'schedule 09:00 Europe/Berlin');
          expect(reply.text).toContain('Only admins can use `/quiz schedule`. Ask an admin of this channel to run it.');
          expect(reply.visibleTo).toBe('caller');
          expect(await h.store.getSchedule(h.channel)).toBeNull();
        });
    });

    describe('answers', () => {
      it("counts each person's first reply in the thread, under their name", async () => {
        const round = await postNow();
        await h.answer('Bob', 'Take a lock.');
        await h.answer('Carol', 'The GIL.');
        await h.answer('Bob', 'And join the threads!');
        const revealed = await h.store.revealOrCancelRound(h.channel, round.id);
        expect(revealed?.answers.map((a) => [a.userName, a.text])).toEqual([
          ['Bob', 'Take a lock.'],
          ['Carol', 'The GIL.'],
        ]);
      });

      if (can.bots)
        it('does not count replies from bots', async () => {
          const round = await postNow();
          await h.answerAsBot('I am a bot: take a lock and join.');
          await h.answer('Bob', 'The GIL.');
          expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.userName)).toEqual(['Bob']);
        });

      if (can.editing) {
        it('counts an edited answer with its new text', async () => {
          const round = await postNow();
          const first = await h.answer('Bob', 'no idea');
          await h.edit(first, 'use a lock, mind the GIL, join');
          await h.command('Ada', 'reveal-now');
          expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.text)).toEqual([
            'use a lock, mind the GIL, join',
          ]);
          expect(h.reveal()?.feedback).toEqual(['Bob: 3/3 key points ✓']);
        });

        it('forgets a deleted answer, and counts the reply written instead of it', async () => {
          const round = await postNow();
          const oops = await h.answer('Bob', 'wrong thread, sorry');
          await h.delete(oops);
          await h.answer('Bob', 'Take a lock and join the threads.');
          expect(await h.store.countAnswers(h.channel, round.id)).toBe(1);
          await h.command('Ada', 'reveal-now');
          expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.text)).toEqual([
            'Take a lock and join the threads.',
          ]);
          expect(h.reveal()?.feedback).toEqual(['Bob: 2/3 key points (missed 2)']);
        });
      }

      if (can.history)
        it('counts answers written while the bot was not listening, found in the thread before the reveal', async () => {
          const round = await postNow();
          await h.answer('Bob', 'Take a lock.');
          // Carol answers during a restart: the reply is in the thread, but no event ever arrives.
          await h.answerUnseen('Carol', 'Join the threads.', h.clock.now());
          await h.answerUnseen('Ada', 'Too late, surely?', round.revealAt + 1);
          await h.advanceTo(round.revealAt);
          expect((await h.store.getRound(h.channel, round.id))?.state).toBe('revealed');
          expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.text).sort()).toEqual([
            'Join the threads.',
            'Take a lock.',
          ]);
          expect(await h.store.getUserStats(h.channel, h.userId('Carol'), '2026-11')).toMatchObject({ total: 1 });
          expect(h.reveal()?.answered).toBe('2 answered');
          expect(h.reveal()?.feedback.filter((line) => line.startsWith('Carol: '))).toHaveLength(1);
        });

      it('tells the author when an answer could not be recorded, so they post it again', async () => {
        const round = await postNow();
        const record = h.store.recordAnswer.bind(h.store);
        h.store.recordAnswer = async () => {
          throw new TypeError('the store refused the answer');
        };
        const lost = await h.answer('Bob', 'Take a lock.');
        await h.notRecordedNoteOn(lost);
        h.store.recordAnswer = record;
        expect(await h.store.countAnswers(h.channel, round.id)).toBe(0);
      });

      if (can.history)
        it('keeps a forget-me before the reveal: the thread read back does not bring the answer back', async () => {
          const round = await postNow();
          await h.answer('Bob', 'Take a lock.');
          // Carol's reply is in the thread, but its event never arrived; then she asks to be forgotten.
          h.clock.advance(60_000);
          await h.answerUnseen('Carol', 'Join the threads.', h.clock.now() - 30_000);
          await h.command('Carol', 'forget-me');
          // Bob forgets too, then writes again: a reply after the forget-me is a fresh start.
          await h.command('Bob', 'forget-me');
          h.clock.advance(60_000);
          await h.answer('Bob', 'A lock, and join the threads.');
          await h.advanceTo(round.revealAt);
          expect((await h.store.getRound(h.channel, round.id))?.state).toBe('revealed');
          expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.text)).toEqual([
            'A lock, and join the threads.',
          ]);
          expect(await h.store.getUserStats(h.channel, h.userId('Carol'), '2026-11')).toBeNull();
          expect(await h.store.getUserStats(h.channel, h.userId('Bob'), '2026-11')).toMatchObject({ total: 1 });
          expect(h.reveal()?.answered).toBe('1 answered');
        });
    });

    describe('the reveal', () => {
      it('reveal-now posts the answer in the thread with feedback per answer', async () => {
        const round = await postNow();
        await h.answer('Bob', 'take a lock');
        await h.answer('Carol', 'the GIL and join');
        const reply = await h.command('Ada', 'reveal-now');
        expect(reply.text).toContain('Revealed (2 answered).');
        if (can.privateReplies) expect(reply.visibleTo).toBe('caller');
        const reveal = h.reveal();
        expect(reveal?.inThread).toBe(true);
        expect(reveal?.text).toContain(`Model answer for ${round.questionId}`);
        expect(reveal?.answered).toBe('2 answered');
        expect(reveal?.feedback).toEqual(['Bob: 1/3 key points (missed 2, 3)', 'Carol: 2/3 key points (missed 1)']);
      });

      if (can.revealedPost)
        it('marks the question post as revealed, with the number who answered', async () => {
          await postNow();
          await h.answer('Bob', 'take a lock');
          await h.command('Ada', 'reveal-now');
          expect(h.questions()[0]?.revealedNote).toContain('1 answered');
        });

      it('marks a reply that arrives after the reveal, and does not count it', async () => {
        const round = await postNow();
        await h.command('Ada', 'reveal-now');
        const late = await h.answer('Bob', 'Sorry, a lock?');
        await h.lateNoteOn(late);
        expect(await h.store.countAnswers(h.channel, round.id)).toBe(0);
        h.clock.advance(60_000);
        expect((await h.command('Bob', 'leaderboard total')).text).toContain('Nobody is on it yet');
      });
    });
    describe('a busy round', () => {
      it('gives each of 120 answerers their own feedback, with nothing refused and the count on the question', async () => {
        await postNow();
        const crowd = Array.from({ length: 120 }, (_, i) => crowdName(i));
        for (const [i, name] of crowd.entries())
          await h.answerAs(name, i === 60 ? longAnswer(4000, i) : longAnswer(1500, i));
        await h.command('Ada', 'reveal-now');
        expect(h.reveal()?.answered).toBe('120 answered');
        if (can.revealedPost) expect(h.questions()[0]?.revealedNote).toContain('120 answered');
        for (const [i, name] of crowd.entries()) {
          const mine = await h.myFeedback(name);
          if (can.privateReplies) expect(mine.visibleTo).toBe('caller');
          // Every third answer makes all three key points; the others make the first two.
          expect(mine.text).toMatch(
            i % 3 === 0 ? /You covered \*?3 of 3\*? key points/ : /You covered \*?2 of 3\*? key points/,
          );
        }
        expect(h.rejected()).toEqual([]);
      });
    });

    describe('streak protection', () => {
      it('keeps streaks through an absence and a missed round, and says so in the reveal and in /quiz streak', async () => {
        // Ten rounds answered by Bob and Carol earn each a freeze.
        for (let round = 0; round < 10; round++) {
          await postNow();
          await h.answer('Bob', 'take a lock');
          await h.answer('Carol', 'take a lock');
          await h.command('Ada', 'reveal-now');
          h.clock.advance(3_600_000);
        }
        const away = await h.command('Carol', 'away 3');
        expect(away.text).toMatch(/You're away until \w{3} \d{1,2} \w{3} \(UTC\)/);
        if (can.privateReplies) expect(away.visibleTo).toBe('caller');
        // Round 11 goes unanswered: Carol is away, Bob spends his freeze.
        await postNow();
        await h.command('Ada', 'reveal-now');
        expect(h.reveal()?.text).toContain('Streaks kept with a freeze: Bob (0 left).');
        expect(h.reveal()?.text).not.toContain('Carol (');
        const bob = await h.command('Bob', 'streak');
        expect(bob.text).toMatch(/Current streak\W+10|current streak \*?10/);
        expect(bob.text).toContain('streak kept with a freeze, 0 left');
        const carol = await h.command('Carol', 'streak');
        expect(carol.text).toMatch(/Away until \w{3} \d{1,2} \w{3}\./);
        expect(carol.text).toContain('Freezes held: 1');
        expect((await h.command('Carol', 'back')).text).toContain('Welcome back');
        expect(h.rejected()).toEqual([]);
      });
    });

    describe('the weekly digest', () => {
      it('posts the week in text and as a chart the message shows, after the last round of the week', async () => {
        // Monday and Wednesday at 09:00 UTC for an hour: the digest follows on Wednesday at 10:15.
        await h.command('Ada', 'schedule 09:00 UTC mon,wed 1h');
        for (const day of [30, 2]) {
          const month = day === 30 ? 10 : 11;
          await h.advanceTo(Date.UTC(2026, month, day, 9, 0));
          await h.answer('Bob', 'Take a lock and join the threads.');
          if (day === 2) await h.answer('Carol', 'No idea');
          await h.advanceTo(Date.UTC(2026, month, day, 10, 0));
        }
        expect(h.digests()).toHaveLength(0);
        await h.advanceTo(Date.UTC(2026, 11, 2, 10, 15));
        const digests = h.digests();
        expect(digests).toHaveLength(1);
        const [digest] = digests;
        expect(digest?.text).toContain('Weekly digest, 25 Nov to 2 Dec');
        expect(digest?.text).toContain('This week: 2 rounds, 3 answers.');
        expect(digest?.text).toMatch(/week of 25 Nov: 1, 2/);
        // Bob missed the GIL twice, Carol once.
        expect(digest?.text).toMatch(/Mentions the GIL \(missed by 3\)/);
        expect(digest?.text).toMatch(/Bob.*Carol/s);
        expect(digest?.image?.shownInMessage).toBe(true);
        const png = digest?.image?.png as Buffer;
        // A PNG (its signature), 1200 px wide (big-endian in the IHDR chunk).
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.readUInt32BE(16)).toBe(1200);
        // A second tick at the same time, or a later one, posts nothing more.
        await h.advanceTo(Date.UTC(2026, 11, 2, 12, 0));
        expect(h.digests()).toHaveLength(1);
        expect(h.rejected()).toEqual([]);
      });

      it('shows an admin the digest settings and turns it off', async () => {
        await h.command('Ada', 'schedule 09:00 UTC mon,wed 1h');
        expect((await h.command('Ada', 'digest')).text).toContain('Weekly digest: on, after the last scheduled round');
        const off = await h.command('Ada', 'digest off');
        expect(off.text).toContain('Weekly digest is now off.');
        if (can.privateReplies) expect(off.visibleTo).toBe('caller');
        expect(await h.store.getDigestSettings(h.channel)).toEqual({ enabled: false });
      });
    });
  });

  if (can.buttonRounds)
    describe(`${name} adapter contract: button rounds`, () => {
      let h: AdapterHarness;
      beforeEach(async () => {
        // Button questions only, each with A right: "choice" and "output" both ask from it.
        h = await factory.start({ bank: makeButtonBank() });
      });
      afterEach(async () => {
        await h.stop();
      });

      it('posts an output question with its program and its options lettered, a button for each where there are buttons', async () => {
        await h.command('Ada', 'post-now output');
        const [post] = h.questions();
        expect(post?.text).toContain('asyncio.run(main())');
        // The options in letter order, each after its letter.
        const text = post?.text ?? '';
        const at = ["['slow', 'fast']", "['fast', 'slow']", "['fast']"].map((o) => text.indexOf(o));
        expect(at.every((i, n) => i > (at[n - 1] ?? 0))).toBe(true);
        for (const [n, letter] of ['a', 'b', 'c'].entries())
          expect(text.slice(0, at[n]).toLowerCase().lastIndexOf(letter)).toBeGreaterThan(at[n - 1] ?? 0);
        if (can.buttons) expect(post?.liveButtons).toEqual(['A', 'B', 'C']);
        expect(h.rejected()).toEqual([]);
      });

      it('confirms each pick privately, takes a changed pick once, then reveals the tally, who got it right and why not the others', async () => {
        await h.command('Ada', 'post-now choice');
        const bob = await h.pick('Bob', 1);
        expect(bob.text).toContain('Your answer B is in; you can change it until the reveal.');
        if (can.privateReplies) expect(bob.visibleTo).toBe('caller');
        expect((await h.pick('Carol', 0)).text).toContain('Your answer A is in');
        expect((await h.pick('Bob', 2)).text).toContain('Your answer is now C;');
        // Nothing shows a count before the reveal.
        expect(h.questions()[0]?.text).not.toMatch(/\d+%|got it right/);
        await h.command('Ada', 'reveal-now');
        const reveal = h.reveal();
        expect(reveal?.inThread).toBe(true);
        expect(reveal?.tally).toEqual([
          { picks: 1, right: true },
          { picks: 0, right: false },
          { picks: 1, right: false },
        ]);
        expect(reveal?.right).toEqual(['Carol']);
        expect(reveal?.text).toContain('Holding it is what people expect, but the program never gets there.');
        expect(reveal?.text).toContain('Handing it over is what people expect, but the program never gets there.');
        expect(reveal?.text).toContain('Blocking calls release the GIL');
        if (can.revealedPost) expect(h.questions()[0]?.revealedNote).toContain('Closed: 2 people answered.');
        if (can.buttons) expect(h.questions()[0]?.liveButtons).toEqual([]);
        expect(h.rejected()).toEqual([]);
      });

      if (can.buttons)
        it('tells a click that arrives after the reveal, privately, that it is too late, and does not count it', async () => {
          await h.command('Ada', 'post-now choice');
          const round = await h.store.getOpenRound(h.channel);
          await h.pick('Bob', 0);
          await h.command('Ada', 'reveal-now');
          // A client that has not yet seen the post close still shows the buttons.
          const late = await h.pick('Carol', 0, { stale: true });
          expect(late.text).toContain(TOO_LATE_TO_PICK);
          if (can.privateReplies) expect(late.visibleTo).toBe('caller');
          expect((await h.store.getAnswers(h.channel, round?.id ?? '')).map((a) => a.userId)).toEqual([
            h.userId('Bob'),
          ]);
          expect(h.reveal()?.right).toEqual(['Bob']);
        });

      it('holds a pick made while the store is down, says so privately, and counts it once the store is back', async () => {
        await h.command('Ada', 'post-now choice');
        const recordPick = h.store.recordPick.bind(h.store);
        h.store.recordPick = async () => {
          throw new QuizError('store-unavailable', 'the store is down (adapter contract)');
        };
        const held = await h.pick('Bob', 0);
        expect(held.text).toContain('Your answer A is in');
        expect(held.text).toContain(PICK_QUEUED);
        if (can.privateReplies) expect(held.visibleTo).toBe('caller');
        h.store.recordPick = recordPick;
        // The next tick replays what was held, before it runs any due job.
        await h.advanceTo(h.clock.now() + 60_000);
        await h.command('Ada', 'reveal-now');
        expect(h.reveal()?.right).toEqual(['Bob']);
        expect(h.reveal()?.tally?.map((o) => o.picks)).toEqual([1, 0, 0]);
      });

      it('gives a practice button question its verdict at once, privately', async () => {
        const question = await h.command('Bob', 'practice');
        if (can.privateReplies) expect(question.visibleTo).toBe('caller');
        expect(question.text).toMatch(/It is released while the call blocks|\['slow', 'fast'\]/);
        const verdict = await h.practicePick('Bob', 1);
        if (can.privateReplies) expect(verdict.visibleTo).toBe('caller');
        expect(verdict.text).toContain('B is not right: the answer is A.');
        expect(verdict.text).toMatch(/Holding it|Finishing order/);
        expect(verdict.text).toMatch(/Blocking calls release the GIL|gather returns results in the order/);
      });
    });
}
