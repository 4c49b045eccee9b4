import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS } from './slack-harness.ts';

const ROUND_CHANNEL = `slack:${CHANNEL}` as const;
const HOUR = 3_600_000;

describe('slack adapter: slow or rate-limited user lookups', () => {
  let h: SlackHarness;
  let thread: string;
  let roundId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    await h.command(USERS.admin, 'post-now');
    const round = await h.store.getOpenRound(ROUND_CHANNEL);
    thread = round?.post?.threadId as string;
    roundId = round?.id as string;
  });

  afterEach(async () => {
    await h.stop();
  });

  it('reveals at once with every missed reply while users.info is rate limited, asking Slack once', async () => {
    for (let i = 0; i < 20; i++) h.api.addThreadReply(CHANNEL, thread, `UMISSED${i}`, 'take a lock');
    h.api.rateLimit('users.info', 30);
    const before = h.api.callsOf('users.info').length;
    expect(messageText(await h.command(USERS.admin, 'reveal-now'))).toContain('Revealed (20 answered)');
    // The few lookups already on their way when the first 429 came back, and no more.
    expect(h.api.callsOf('users.info').length - before).toBeLessThanOrEqual(4);
  });

  it('names the answers recorded under an id in the reveal once Slack answers again', async () => {
    h.api.rateLimit('users.info', 30);
    h.api.addThreadReply(CHANNEL, thread, USERS.carol.id, 'take a lock');
    await h.reply(USERS.bob, 'join the threads', thread);
    h.api.rateLimit('users.info', undefined);
    h.clock.advance(31_000);
    await h.command(USERS.admin, 'reveal-now');
    const reveal = h.api.callsOf('chat.postMessage').at(-1);
    expect(messageText(reveal?.args)).toContain('Carol');
    expect(messageText(reveal?.args)).toContain('Bob');
  });

  it('counts a reply that arrived in time although its author lookup finished after the window closed', async () => {
    const slowLookup = h.api.holdNext('users.info');
    const replying = h.reply(USERS.carol, 'take a lock', thread);
    await slowLookup.reached;
    h.clock.advance(4 * HOUR + 1);
    slowLookup.release();
    await replying;
    expect(await h.store.countAnswers(ROUND_CHANNEL, roundId)).toBe(1);
    expect(h.api.callsOf('reactions.add')).toHaveLength(0);
  });

  it('does not let an admin of another organisation in a Slack Connect channel run admin commands', async () => {
    const guest = { id: 'UGUEST', name: 'gus', displayName: 'Gus', isAdmin: true, teamId: 'TOTHERORG' };
    h.api.addUser(guest);
    expect(messageText(await h.command(guest, 'reveal-now'))).toContain('Only admins can use');
    expect(await h.store.getOpenRound(ROUND_CHANNEL)).not.toBeNull();
    expect(messageText(await h.command(USERS.admin, 'reveal-now'))).toContain('Revealed');
  });
});
