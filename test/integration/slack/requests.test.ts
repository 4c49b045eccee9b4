import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORM, JSON_TYPE, slashCommandBody } from '../../fakes/slack/signed-requests.ts';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS, waitFor } from './slack-harness.ts';

describe('slack adapter: requests that did not come from Slack', () => {
  let h: SlackHarness;
  const marker = 'body-marker-7f3a';
  const command = () =>
    slashCommandBody({
      text: `schedule 09:30 UTC ${marker}`,
      user_id: USERS.admin.id,
      channel_id: CHANNEL,
      response_url: h.api.responseUrl('forged'),
    });

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  const expectNothingHappened = async () => {
    expect(await h.store.getSchedule(`slack:${CHANNEL}`)).toBeNull();
    expect(h.api.responsesTo('forged')).toEqual([]);
    expect(h.logger.text()).not.toContain(marker);
  };

  it('rejects a wrong signature with 401 and logs it without the body', async () => {
    const response = await h.slack.send(command(), FORM, { signature: 'v0=0123456789abcdef' });
    expect(response.status).toBe(401);
    expect(h.logger.entries.some((e) => e.level === 'warn' && /verify/i.test(e.message))).toBe(true);
    await expectNothingHappened();
  });

  it('rejects a request without signature headers with 401', async () => {
    const response = await fetch(h.slack.endpoint, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: command(),
    });
    expect(response.status).toBe(401);
    await expectNothingHappened();
  });

  it('rejects a correctly signed request with a stale timestamp with 401', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 10 * 60;
    const response = await h.slack.send(command(), FORM, { timestamp: tenMinutesAgo });
    expect(response.status).toBe(401);
    await expectNothingHappened();
  });

  it('rejects a signed body that is not JSON with 400 and keeps serving', async () => {
    const response = await h.slack.send('{"type":"event_callback", "event": {', JSON_TYPE);
    expect(response.status).toBe(400);
    expect((await h.slack.urlVerification('still-alive')).status).toBe(200);
  });

  it('rejects a signed interactivity payload that is not JSON with 400', async () => {
    const response = await h.slack.send('payload=%7Bnot-json', FORM);
    expect(response.status).toBe(400);
  });

  it('rejects an oversized body with 413 before reading it all', async () => {
    const response = await h.slack.send(`text=${'a'.repeat(2 * 1024 * 1024)}`, FORM);
    expect(response.status).toBe(413);
    expect((await h.slack.urlVerification('still-alive')).status).toBe(200);
  });

  it('answers 404 to paths it does not serve', async () => {
    const url = h.slack.endpoint.replace('/slack/events', '/elsewhere');
    expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acknowledges a slash command before the work behind it is done', async () => {
    h.api.failNext('users.info', 'ratelimited');
    const response = await h.slack.slashCommand({
      text: 'help',
      user_id: USERS.bob.id,
      channel_id: CHANNEL,
      response_url: h.api.responseUrl('slow'),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    // The users.info call waits out a 1 s Retry-After; the HTTP answer did not wait for it.
    expect(h.api.responsesTo('slow')).toEqual([]);
    expect(
      messageText(await waitFor(() => h.api.responsesTo('slow')[0], 'the help reply after the rate limit')),
    ).toContain('quizthread commands');
  });
});
