import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failures } from '../../fakes/discord/fake-discord.ts';
import { waitFor } from '../../support/wait-for.ts';
import { answerOf, type DiscordHarness, postNow, startDiscordQuiz } from './harness.ts';

describe('discord rounds', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  const admin = () => h.fake.user('Ada');

  it('post-now posts the question embed and starts a public thread that outlasts the window', async () => {
    const { messageId, threadId, answer } = await postNow(h, admin());
    const { questionId } = (await h.store.getOpenRound(h.channel))!;
    const posts = h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages`);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.embeds[0].title).toBe(`Question ${questionId}`);
    expect(posts[0]?.body.embeds[0].description).toBe(`What about ${questionId}?`);
    expect(posts[0]?.body.allowed_mentions).toEqual({ parse: [] });
    const [threadRequest] = h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages/${messageId}/threads`);
    // The default window is 4 h; 1440 min is the shortest auto-archive that covers it.
    expect(threadRequest?.body).toEqual({ name: `Answers: Question ${questionId}`, auto_archive_duration: 1440 });
    expect(threadId).toBe(messageId);
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toMatch(/^Posted\. The answer is revealed <t:\d+:R>\.$/);
  });

  it('defers the interaction before the core does any slow work', async () => {
    await postNow(h, admin());
    const order = h.fake.requests.map((r) => `${r.method} ${r.path.replace(/\d+/g, ':id')}`);
    expect(order.indexOf('POST /interactions/:id/interaction-token-:id/callback')).toBeLessThan(
      order.indexOf('POST /channels/:id/messages'),
    );
    expect([...h.fake.interactions.values()][0]?.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('records replies in the thread, but not from bots and not a second reply', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    const alice = h.fake.user('Alice');
    h.fake.postMessage(threadId, alice, 'Take a lock.');
    h.fake.postMessage(threadId, h.fake.user('Helper', { bot: true }), 'I am a bot: take a lock and join.');
    h.fake.postMessage(threadId, alice, 'And join the threads!');
    h.fake.postMessage(threadId, h.fake.user('Bob'), 'The GIL.');
    await waitForAnswers(h, round.id, 2);
    const revealed = await h.store.revealOrCancelRound(h.channel, round.id);
    expect(revealed?.answers.map((a) => [a.userName, a.text])).toEqual([
      ['Alice', 'Take a lock.'],
      ['Bob', 'The GIL.'],
    ]);
  });

  it('reveal-now posts the answer in the thread with feedback and marks the original as revealed', async () => {
    const { messageId, threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    h.fake.postMessage(threadId, h.fake.user('Alice'), 'Take a lock and join the threads.');
    await waitForAnswers(h, round.id, 1);

    const answer = await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(answer).toMatchObject({ ephemeral: true, message: { content: 'Revealed (1 answered).' } });

    const [reveal] = h.fake.requestsTo('POST', `/channels/${threadId}/messages`);
    expect(reveal?.body.embeds[0].title).toBe(`Answer: Question ${round.questionId}`);
    expect(reveal?.body.embeds[0].description).toContain(`Model answer for ${round.questionId}`);
    expect(reveal?.body.embeds[1].title).toBe('1 answered');
    expect(reveal?.body.embeds[1].description).toBe('• **Alice**: 2/3 key points (missed 2)');
    const [edit] = h.fake.requestsTo('PATCH', `/channels/${h.fake.channelId}/messages/${messageId}`);
    expect(edit?.body.embeds[0].author.name).toBe('Question of the day (revealed)');
    expect(edit?.body.embeds[0].fields.at(-1).value).toBe(`1 answered. The answer and feedback are in <#${threadId}>.`);
  });

  it('counts an edited answer with its new text', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    const edits = vi.spyOn(h.store, 'editAnswer');
    const first = h.fake.postMessage(threadId, h.fake.user('Alice'), 'Take a lock.');
    await waitForAnswers(h, round.id, 1);
    h.fake.editMessage(first.id, 'Take a lock, mind the GIL, join the threads.');
    await waitFor(() => edits.mock.settledResults.length === 1, 'the edit to be stored');
    const revealed = await h.store.revealOrCancelRound(h.channel, round.id);
    expect(revealed?.answers[0]?.text).toBe('Take a lock, mind the GIL, join the threads.');
  });

  it('counts answers written while the bot was not listening, found in the thread before the reveal', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    const bob = h.fake.user('Bob');
    h.fake.postMessage(threadId, h.fake.user('Alice'), 'Take a lock.');
    await waitForAnswers(h, round.id, 1);
    // Bob answers during a restart: the message is in the thread, but no event ever arrives.
    h.fake.postMessage(threadId, bob, 'Join the threads.', { delivered: false, at: h.clock.now() });
    h.fake.postMessage(threadId, h.fake.user('Carol'), 'Too late, surely?', {
      delivered: false,
      at: round.revealAt + 1,
    });
    h.clock.set(round.revealAt);
    await h.quiz.tick();
    const revealed = await h.store.getRound(h.channel, round.id);
    expect(revealed?.state).toBe('revealed');
    expect((await h.store.getAnswers(h.channel, round.id)).map((a) => a.text).sort()).toEqual([
      'Join the threads.',
      'Take a lock.',
    ]);
    expect(await h.store.getUserStats(h.channel, bob.id, '2026-11')).toMatchObject({ total: 1 });
  });

  it('names an answer by the server nickname, as commands do', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    h.fake.postMessage(threadId, h.fake.user('Dana'), 'a lock', { nick: 'Dana (infra)' });
    await waitForAnswers(h, round.id, 1);
    expect((await h.store.getAnswers(h.channel, round.id))[0]?.userName).toBe('Dana (infra)');
  });

  it('forgets a deleted answer, and counts the reply written instead of it', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    const deletions = vi.spyOn(h.store, 'deleteAnswer');
    const alice = h.fake.user('Alice');
    const oops = h.fake.postMessage(threadId, alice, 'wrong thread, sorry');
    await waitForAnswers(h, round.id, 1);
    h.fake.deleteMessage(oops.id);
    await waitFor(() => deletions.mock.settledResults.length === 1, 'the deletion to be stored');
    const records = vi.spyOn(h.store, 'recordAnswer');
    h.fake.postMessage(threadId, alice, 'Take a lock and join the threads.');
    await waitFor(() => records.mock.settledResults.length === 1, 'the new answer to be stored');
    expect(await records.mock.results[0]?.value).toBe('recorded');
    const revealed = await h.store.revealOrCancelRound(h.channel, round.id);
    expect(revealed?.answers.map((a) => a.text)).toEqual(['Take a lock and join the threads.']);
  });

  it('marks a reply that arrives after the reveal with a reaction and does not count it', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    const late = h.fake.postMessage(threadId, h.fake.user('Erin'), 'Sorry, a lock?');
    await waitFor(() => h.fake.reactions.find((r) => r.messageId === late.id), 'a reaction on the late reply');
    expect(h.fake.reactions).toEqual([{ channelId: threadId, messageId: late.id, emoji: '⏰', userId: h.fake.bot.id }]);
    expect(await h.store.countAnswers(h.channel, round.id)).toBe(0);
  });

  it('unarchives a thread Discord archived before posting the reveal into it', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.archiveThread(threadId);
    const answer = await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(answer.message.content).toBe('Revealed (0 answered).');
    expect(h.fake.requestsTo('PATCH', `/channels/${threadId}`).map((r) => r.body)).toEqual([{ archived: false }]);
    expect(h.fake.requestsTo('POST', `/channels/${threadId}/messages`)).toHaveLength(1);
    expect(h.fake.threads.get(threadId)?.thread_metadata?.archived).toBe(false);
    expect(revealIn(h, threadId)?.embeds[1]?.title).toBe('Nobody answered this one.');
  });

  it('unarchives and retries when Discord refuses a post into a thread it did not know was archived', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.archiveThread(threadId, { notify: false });
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(h.fake.requestsTo('PATCH', `/channels/${threadId}`).map((r) => r.body)).toEqual([{ archived: false }]);
    expect(h.fake.requestsTo('POST', `/channels/${threadId}/messages`)).toHaveLength(2);
    expect(revealIn(h, threadId)?.embeds[1]?.title).toBe('Nobody answered this one.');
  });

  it('posts the reveal in the channel when the thread was deleted', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.failNext('POST', `/channels/${threadId}/messages`, failures.unknownChannel());
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    const inChannel = h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages`);
    expect(inChannel.at(-1)?.body.embeds[1].title).toBe('Nobody answered this one.');
  });

  it('quotes names so they cannot ping anyone', async () => {
    const { threadId } = await postNow(h, admin());
    const round = (await h.store.getOpenRound(h.channel))!;
    h.fake.postMessage(threadId, h.fake.user('@everyone <@&123>'), 'A lock.');
    await waitForAnswers(h, round.id, 1);
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    const [reveal] = h.fake.requestsTo('POST', `/channels/${threadId}/messages`);
    const line: string = reveal?.body.embeds[1].description;
    expect(line).not.toContain('@everyone');
    expect(line).not.toContain('<@&123>');
    expect(line).toContain('@\u200beveryone');
    expect(reveal?.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('discord rounds without the Message Content intent', () => {
  it('counts who answered and says key-point feedback is off', async () => {
    const h = await startDiscordQuiz({ messageContent: false });
    try {
      const admin = h.fake.user('Ada');
      const { threadId } = await postNow(h, admin);
      const round = (await h.store.getOpenRound(h.channel))!;
      h.fake.postMessage(threadId, h.fake.user('Alice'), 'Take a lock and join the threads.');
      await waitForAnswers(h, round.id, 1);
      await answerOf(h, h.fake.runCommand(admin, 'reveal-now', {}, { admin: true }));
      const [reveal] = h.fake.requestsTo('POST', `/channels/${threadId}/messages`);
      expect(reveal?.body.embeds[1].description).toBe('• **Alice**');
      expect(reveal?.body.embeds[1].footer.text).toMatch(/^Key-point feedback is off/);
    } finally {
      await h.stop();
    }
  });
});

function revealIn(h: DiscordHarness, threadId: string) {
  return [...h.fake.messages.values()].find(
    (m) => m.channel_id === threadId && m.embeds[0]?.title?.startsWith('Answer: '),
  );
}

function waitForAnswers(h: DiscordHarness, roundId: string, count: number) {
  return waitFor(
    async () => (await h.store.countAnswers(h.channel, roundId)) >= count,
    `${count} answer(s) to ${roundId}`,
  );
}
