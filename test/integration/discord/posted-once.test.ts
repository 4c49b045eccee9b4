import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failures } from '../../fakes/discord/fake-discord.ts';
import { answerOf, type DiscordHarness, postNow, startDiscordQuiz } from './harness.ts';

describe('discord: every round message is posted at most once', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  const admin = () => h.fake.user('Ada');
  const messagesIn = (channelId: string) => [...h.fake.messages.values()].filter((m) => m.channel_id === channelId);

  it('posts the reveal once when the response to its POST is lost and discord.js retries it', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.failNext('POST', `/channels/${threadId}/messages`, failures.lostResponse());
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    const attempts = h.fake.requestsTo('POST', `/channels/${threadId}/messages`);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.body.nonce).toBe(attempts[1]?.body.nonce);
    expect(attempts[0]?.body.enforce_nonce).toBe(true);
    expect(messagesIn(threadId)).toHaveLength(1);
  });

  it('posts a channel warning once when the response to its POST is lost', async () => {
    h.fake.failNext('POST', `/channels/${h.fake.channelId}/messages`, failures.lostResponse());
    await h.adapter.warnChannel(h.fake.channelId, 'Check my permissions.');
    expect(h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages`)).toHaveLength(2);
    expect(messagesIn(h.fake.channelId)).toHaveLength(1);
  });
});
