import { afterEach, describe, expect, it } from 'vitest';
import { ShellConversation } from '../../support/shell-conversation.ts';

describe('the shell demo', () => {
  let chat: ShellConversation;
  afterEach(async () => {
    await chat.end();
  });

  it('opens with an easy or medium button question, answered with one key press and revealed with a bar per option', async () => {
    chat = await new ShellConversation({ QUIZ_DEMO_WINDOW: '2m' }).start();
    expect(chat.all).toContain('Question of the day');
    expect(chat.all).toMatch(/\[(easy|medium) · /);
    expect(chat.all).toMatch(/Type a letter \(a to [c-e]\) to answer; .*\(in 2 min\)/);
    expect(await chat.say('b')).toContain('Your answer B is in; you can change it until the reveal.');
    expect(await chat.say('/as bob')).toContain('(you are now bob)');
    expect(await chat.say('A')).toContain('Your answer A is in');
    expect(await chat.say('/quiz pick c')).toContain('Your answer is now C');
    expect(await chat.say('just chatting in the thread')).toBe('');
    expect(await chat.say('/quiz today')).toContain('2 answered so far');
    chat.clock.advance(2 * 60_000);
    const reveal = await chat.tick();
    expect(reveal).toContain('━━ Answer:');
    expect(reveal).toMatch(/\n {2}A (█+ )?\d+( {2}✓)?\n {2}B /);
    expect(reveal).toContain('2 picked');
    expect(reveal).toContain('Why not the others:');
    expect(await chat.say('a')).toContain('too late');
  });

  it('posts a free-text question on request and reveals it with key-point feedback', async () => {
    chat = await new ShellConversation({ QUIZ_DEMO_WINDOW: '2m' }).start();
    await chat.say('/quiz reveal-now');
    expect(await chat.say('/quiz post-now free')).toContain('Posted; the answer is revealed in 2 min');
    expect(chat.all).toContain('Reply with your answer');
    expect(await chat.say('I would reach for a lock')).toContain("(ann's answer is in)");
    expect(await chat.say('/as bob')).toContain('(you are now bob)');
    expect(await chat.say('asyncio, obviously')).toContain("(bob's answer is in)");
    expect(await chat.say('and another thought')).toContain('only the first reply counts');
    chat.clock.advance(2 * 60_000);
    const reveal = await chat.tick();
    expect(reveal).toMatch(/2 answered:\n {2}ann: \d\/\d key points/);
    expect(await chat.say('too late?')).toContain('too late');
  });

  it('speaks to the default user "you" in the second person, and counts one answer as one', async () => {
    chat = await new ShellConversation({ SHELL_USER: 'you' }).start();
    expect(await chat.say('a')).toContain('Your answer A is in');
    expect(await chat.say('b')).toContain('Your answer is now B');
    expect(await chat.say('/quiz streak')).toContain('current streak 1, best 1, 1 answer in all, 1 this month.');
    await chat.say('/quiz reveal-now');
    await chat.say('/quiz post-now free');
    expect(await chat.say('a lock around the check and the update')).toContain('(your answer is in)');
  });

  it('answers commands and unknown words like a chat would', async () => {
    chat = await new ShellConversation().start();
    expect(await chat.say('/quiz help')).toContain('/quiz leaderboard [streak|best|total|month|points] [month]');
    expect(await chat.say('/quiz dance')).toContain(`I don't know "dance"`);
    expect(await chat.say('/quiz post-now')).toContain('already open');
    expect(await chat.say('/quiz reveal-now')).toContain('Revealed (0 answered)');
    expect(await chat.say('/quiz schedule 25:00 UTC')).toContain('hours go 00-23');
    expect(await chat.say('/quiz schedule 09:00 Europe/Berlin')).toContain(
      'Scheduled: 09:00 Europe/Berlin, weekdays, answers open for 4h',
    );
    expect(await chat.say('/quiz topics')).toContain('asyncio');
    expect(await chat.say('/quiz streak')).toContain('You: current streak 0');
    expect(await chat.say('/frobnicate')).toContain('Unknown command /frobnicate');
  });

  it('practises privately: a question, an answer scored against its key points, then the model answer', async () => {
    chat = await new ShellConversation().start();
    expect(await chat.say('/quiz asyncio hard free')).toContain('Practice (only you see this)');
    const result = await chat.say('/quiz answer the event loop runs one task at a time; await yields; use TaskGroup');
    expect(result).toMatch(/You covered \d of \d key points/);
    expect(await chat.say('/reveal')).toContain('no practice question open');
  });

  it('keeps streaks and shows them on the leaderboard', async () => {
    chat = await new ShellConversation().start();
    await chat.say('b');
    await chat.say('/quiz reveal-now');
    // The default mix alternates: after the button question comes a free-text one.
    expect(await chat.say('/quiz post-now')).toContain('Posted');
    expect(await chat.say('another lock')).toContain("(ann's answer is in)");
    await chat.say('/quiz reveal-now');
    expect(await chat.say('/quiz leaderboard')).toContain(' 1. ann — 2');
    expect(await chat.say('/quiz leaderboard points')).toContain('Leaderboard: points');
    expect(await chat.say('/quiz forget-me')).toContain('deleted');
    expect(await chat.say('/quiz leaderboard total')).toContain('Nobody is on it yet');
  });
});
