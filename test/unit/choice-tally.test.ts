import { describe, expect, it } from 'vitest';
import { bar, codeBlock, fitNames, tallyLines } from '../../src/adapters/choice-tally.ts';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render-replies.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render-replies.ts';
import type { Reply } from '../../src/core/views.ts';
import { choiceQuestion, outputQuestion } from '../support/button-rounds.ts';
import { MONDAY_0800_UTC } from '../support/fixtures.ts';

describe('the tally of a button round', () => {
  it('draws a ten-character bar per option, never empty for an option somebody picked', () => {
    expect(bar(0, 0)).toBe('░░░░░░░░░░');
    expect(bar(5, 10)).toBe('█████░░░░░');
    expect(bar(1, 400)).toBe('█░░░░░░░░░');
    expect(bar(7, 7)).toBe('██████████');
  });

  it('lines the options up with their counts and shares, and ticks the right one', () => {
    const options = [
      { text: 'a', picks: 12 },
      { text: 'b', picks: 3, why: 'no' },
      { text: 'c', picks: 0, why: 'no' },
    ];
    expect(tallyLines({ correct: 1, options, right: [], total: 15 })).toEqual([
      'A ████████░░ 12  80%',
      'B ██░░░░░░░░  3  20% ✓',
      'C ░░░░░░░░░░  0   0%',
    ]);
  });

  it('names everyone who fits, then says how many more there are', () => {
    const names = ['Ann', 'Bob', 'Cy', 'Dee'];
    expect(fitNames(names, 100)).toBe('Ann, Bob, Cy, Dee');
    expect(fitNames(names, 'Ann, Bob, Cy, Dee'.length)).toBe('Ann, Bob, Cy, Dee');
    const cut = fitNames(names, 16);
    expect(cut).toBe('Ann, and 3 more');
    expect(fitNames(['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay'], 22)).toBe('Ann, Bob, and 4 more');
    const crowd = Array.from({ length: 500 }, (_, i) => `<@${100000000000000000 + i}>`);
    const fitted = fitNames(crowd, 1024);
    expect(fitted.length).toBeLessThanOrEqual(1024);
    expect(fitted).toMatch(/, and \d+ more$/);
  });

  it('keeps an output option exact in a code block, even one holding backticks', () => {
    expect(codeBlock('a\n```\nb')).toBe('```\na\n`\u200b``\nb\n```');
  });
});

describe('pick replies', () => {
  const picked = (changed: boolean, queued?: boolean): Reply => ({
    visibility: 'private',
    kind: 'picked',
    roundId: 'r1',
    option: 1,
    changed,
    revealAt: MONDAY_0800_UTC + 3_600_000,
    ...(queued ? { queued } : {}),
  });

  it('confirms a pick privately, with when the answer comes, and says when it is held for the store', () => {
    const discord = renderDiscord(picked(false));
    expect(discord.ephemeral).toBe(true);
    expect(discord.content).toBe(
      `Your answer B is in; you can change it until the reveal. The answer is revealed <t:${(MONDAY_0800_UTC + 3_600_000) / 1000}:R>.`,
    );
    expect(renderDiscord(picked(true, true)).content).toMatch(
      /^Your answer is now B; .* your pick is held and counted when it is back\.$/,
    );
    const slack = renderSlack(picked(false), MONDAY_0800_UTC);
    expect(slack.text).toBe('Your answer B is in; you can change it until the reveal.');
    expect(JSON.stringify(slack.blocks)).toContain('The answer is revealed in 1 h 0 min.');
    expect(JSON.stringify(renderSlack(picked(true, true), MONDAY_0800_UTC).blocks)).toContain(
      'held and counted when it is back',
    );
  });

  it('leaves the reveal time out when the store was down and could not say it', () => {
    const held: Reply = { ...picked(false, true), revealAt: 0 } as Reply;
    expect(renderDiscord(held).content).toBe(
      'Your answer B is in; you can change it until the reveal. The quiz database is unreachable right now: your pick is held and counted when it is back.',
    );
    const slack = JSON.stringify(renderSlack(held, MONDAY_0800_UTC).blocks);
    expect(slack).not.toContain('revealed');
    expect(slack).toContain('your pick is held');
  });

  it('gives a practice pick its verdict, the why, the right option and the model answer', () => {
    const reply: Reply = {
      visibility: 'private',
      kind: 'practice-pick-result',
      question: outputQuestion(),
      option: 2,
      correct: 0,
      why: 'gather keeps the order the awaitables were passed in.',
      modelAnswer: 'The results come back in argument order.',
    };
    const discord = renderDiscord(reply).embeds[0]?.description ?? '';
    expect(discord).toMatch(/^❌ \*\*C is not right: the answer is A\.\*\*\ngather keeps the order/);
    expect(discord).toContain('**A**\n```\nA0:');
    expect(discord).toContain('**Model answer**\nThe results come back in argument order.');
    const slack = JSON.stringify(renderSlack(reply, MONDAY_0800_UTC));
    expect(slack).toContain(':x: *C is not right: the answer is A.*');
    expect(slack).toContain('gather keeps the order');
    const right = renderDiscord({ ...reply, question: choiceQuestion(), option: 0, why: undefined } as Reply);
    expect(right.embeds[0]?.description).toMatch(/^✅ \*\*A is right\.\*\*\n\n\*\*Model answer\*\*/);
  });
});
