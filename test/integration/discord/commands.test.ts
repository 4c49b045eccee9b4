import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.ts';
import { answerOf, type DiscordHarness, postNow, startDiscordQuiz } from './harness.ts';

describe('discord /quiz commands', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  describe('schedule', () => {
    it('answers a schedule with the next question as a Discord timestamp', async () => {
      const token = h.fake.runCommand(
        h.fake.user('Ada'),
        'schedule',
        { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays', window: '4h' },
        { admin: true },
      );
      const answer = await answerOf(h, token);
      expect(answer.message.content).toMatch(
        /^Scheduled: a question here at 09:00 Europe\/Berlin, weekdays; answers stay open for 4h\. Next question <t:\d+:F>\.$/,
      );
    });

    it("replaces an admin's public placeholder with a private message when the schedule is invalid", async () => {
      const token = h.fake.runCommand(
        h.fake.user('Ada'),
        'schedule',
        { time: '9am', timezone: 'Europe/Berlin' },
        { admin: true },
      );
      const answer = await answerOf(h, token);
      const log = h.fake.interactions.get(token)!;
      expect(log.ephemeral).toBe(false);
      expect(log.originalDeleted).toBe(true);
      expect(answer.ephemeral).toBe(true);
      expect(answer.message.content).toBe('"9am" is not a time of day: write it as HH:MM, e.g. 09:30.');
    });

    it('suggests timezones as the admin types', async () => {
      const token = h.fake.autocomplete(h.fake.user('Ada'), 'schedule', 'timezone', {
        time: '09:00',
        timezone: 'berl',
      });
      const log = await waitFor(() => h.fake.interactions.get(token)?.callbacks[0], 'the autocomplete result');
      expect(log).toEqual({ type: 8, data: { choices: [{ name: 'Europe/Berlin', value: 'Europe/Berlin' }] } });
    });
  });

  it('answers streak and leaderboard privately with the right numbers', async () => {
    const ada = h.fake.user('Ada');
    const alice = h.fake.user('Alice');
    const bob = h.fake.user('Bob');
    const { threadId } = await postNow(h, ada);
    const round = (await h.store.getOpenRound(h.channel))!;
    h.fake.postMessage(threadId, alice, 'Take a lock.');
    h.fake.postMessage(threadId, bob, 'Join the threads.');
    await waitFor(async () => (await h.store.countAnswers(h.channel, round.id)) === 2, 'two answers');
    await answerOf(h, h.fake.runCommand(ada, 'reveal-now', {}, { admin: true }));

    const own = await answerOf(h, h.fake.runCommand(alice, 'streak'));
    expect(own.ephemeral).toBe(true);
    expect(own.message.embeds[0]?.title).toBe('Your streak');
    expect(own.message.embeds[0]?.fields?.map((f) => [f.name, f.value])).toEqual([
      ['Current streak', '1'],
      ['Best streak', '1'],
      ['Answers', '1'],
      ['This month', '1'],
      // The answer covered one of the three key points: round(10 × 1 / 3).
      ['Points', '3'],
      ['Points this month', '3'],
    ]);

    const other = await answerOf(h, h.fake.runCommand(ada, 'streak', { user: bob }));
    expect(other.message.embeds[0]?.title).toBe('Streak of Bob');
    expect(other.message.embeds[0]?.fields?.[2]).toMatchObject({ name: 'Answers', value: '1' });

    const board = await answerOf(h, h.fake.runCommand(ada, 'leaderboard', { board: 'total' }));
    expect(board.ephemeral).toBe(true);
    expect(board.message.embeds[0]?.title).toBe('Leaderboard: total answers');
    expect(board.message.embeds[0]?.description?.split('\n').sort()).toEqual(
      [`**1.** <@${alice.id}>: 1`, `**1.** <@${bob.id}>: 1`].sort(),
    );
    expect(board.allowedMentions?.parse).toEqual([]);
    expect([...(board.allowedMentions?.users ?? [])].sort()).toEqual([alice.id, bob.id].sort());
  });

  it('treats a command used inside a question thread as a command in its channel', async () => {
    const { threadId } = await postNow(h, h.fake.user('Ada'));
    const answer = await answerOf(h, h.fake.runCommand(h.fake.user('Alice'), 'today', {}, { channelId: threadId }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.embeds[0]?.author?.name).toBe("Today's question");
  });

  it('lists the admin commands in help only for admins', async () => {
    const member = await answerOf(h, h.fake.runCommand(h.fake.user('Alice'), 'help'));
    const admin = await answerOf(h, h.fake.runCommand(h.fake.user('Ada'), 'help', {}, { admin: true }));
    expect(member.ephemeral).toBe(true);
    expect(member.message.embeds[0]?.description).not.toContain('/quiz schedule');
    expect(admin.message.embeds[0]?.description).toContain('/quiz schedule');
  });

  it('forgets a user privately: their stats and their answer in the open round', async () => {
    const alice = h.fake.user('Alice');
    const { threadId } = await postNow(h, h.fake.user('Ada'));
    h.fake.postMessage(threadId, alice, 'Take a lock and join the threads.');
    await waitFor(() => h.store.getUserStats(h.channel, alice.id, '2026-11'), "Alice's answer to be recorded");
    const answer = await answerOf(h, h.fake.runCommand(alice, 'forget-me'));
    expect(answer).toMatchObject({
      ephemeral: true,
      message: { content: 'Done: your streaks, answers and practice history are deleted.' },
    });
    expect(await h.store.getUserStats(h.channel, alice.id, '2026-11')).toBeNull();
    const round = await h.store.getOpenRound(h.channel);
    const revealed = await h.store.revealOrCancelRound(h.channel, round?.id ?? '');
    expect(revealed?.answers.map((a) => a.userId)).toEqual([]);
  });
});
