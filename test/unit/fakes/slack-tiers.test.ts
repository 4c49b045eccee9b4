/** The fake Slack's method tiers: a method's calls in a minute's window, 429 + Retry-After beyond. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../../support/fakes/slack/fake-slack-api.ts';

describe('the fake Slack’s rate tiers', () => {
  let api: FakeSlackApi;

  beforeEach(async () => {
    api = new FakeSlackApi();
    await api.start();
  });

  afterEach(async () => {
    await api.stop();
  });

  const call = async (method: string) => {
    const response = await fetch(`${api.url}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&ts=1.000001&text=x',
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  it('takes a limited method’s calls up to its tier, then answers 429 with Retry-After', async () => {
    api.enforceTiers({ perMinute: { 'chat.update': 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await call('chat.update'));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429]);
    // The window opened by the first call closes within the minute.
    expect(Number(statuses[3]!.retryAfter)).toBeGreaterThanOrEqual(59);
    expect(Number(statuses[3]!.retryAfter)).toBeLessThanOrEqual(60);
    expect(api.tierLimited.get('chat.update')).toBe(1);
  });

  it('counts each method apart, and leaves unlisted methods alone', async () => {
    api.enforceTiers({ perMinute: { 'chat.update': 1, 'conversations.replies': 1 } });
    expect((await call('chat.update')).status).toBe(200);
    expect((await call('conversations.replies')).status).toBe(200);
    expect((await call('chat.update')).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await call('chat.postMessage')).status).toBe(200);
  });

  it('runs a minute f times faster with a time factor, Retry-After staying a whole second', async () => {
    api.enforceTiers({ perMinute: { 'chat.update': 1 }, timeFactor: 60 });
    expect((await call('chat.update')).status).toBe(200);
    // The window is a second long: whatever is left of it, Retry-After says 1.
    expect(await call('chat.update')).toEqual({ status: 429, retryAfter: '1' });
  });
});
