import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { toRestBody } from '../../../src/adapters/discord/message.ts';
import { embedSize, optionButtons, tallyEmbed, withPrompt } from '../../../src/adapters/discord/render-choice.ts';
import { renderReply } from '../../../src/adapters/discord/render-replies.ts';
import { renderReveal, renderRevealedPost, renderRoundPost } from '../../../src/adapters/discord/render-rounds.ts';
import type { ChoiceReveal, RevealView } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';
import { buttonReveal, choiceQuestion, outputQuestion, widestOutput } from '../../support/button-rounds.ts';

const REVEAL_AT = Date.UTC(2026, 10, 23, 12, 0);
const T = REVEAL_AT / 1000;

describe('discord: a button question as posted', () => {
  const posted = renderRoundPost({ roundId: 'r1', question: choiceQuestion(), revealAt: REVEAL_AT, timezone: 'UTC' });
  const [embed] = posted.embeds;

  it('letters the options as fields under the prompt and says how to answer and when it is revealed', () => {
    expect(embed?.description).toBe(choiceQuestion().prompt);
    expect(embed?.author?.name).toBe('Question of the day');
    expect(embed?.footer?.text).toBe('Round r1');
    expect(embed?.color).toBe(0xf1c40f);
    expect(embed?.fields?.map((f) => [f.name, f.value])).toEqual([
      ['A', 'It is released while the call blocks'],
      ['B', 'It stays held until the call returns'],
      ['C', 'It is handed to the main thread'],
      ['Difficulty', 'medium'],
      ['Topics', 'threading'],
      [
        'How to answer',
        `Tap a letter to answer. You can change your answer until the reveal; nobody sees the count before it. The answer is revealed <t:${T}:t> (<t:${T}:R>).`,
      ],
    ]);
  });

  it('puts one enabled blue button per option under it, each naming the round and its option', () => {
    expect(posted.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: ['A', 'B', 'C'].map((label, i) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          custom_id: `quiz:pick:r1:${i}`,
          label,
        })),
      },
    ]);
  });

  it('shows an output option as the exact text in a code block, and the largest one Discord takes whole', () => {
    const big = renderRoundPost({ roundId: 'r2', question: outputQuestion(), revealAt: REVEAL_AT, timezone: 'UTC' });
    expect(messageViolations(toRestBody(big))).toEqual([]);
    const fields = big.embeds[0]?.fields ?? [];
    expect(fields[0]).toEqual({ name: 'A', value: `\`\`\`\n${widestOutput(0)}\n\`\`\`` });
    expect(fields[4]?.name).toBe('E');
    expect(big.embeds[0]?.description).toBe(outputQuestion().prompt);
    expect(big.components[0]?.components).toHaveLength(5);
  });

  it('cuts a prompt too long for the embed to what the options leave, with an ellipsis', () => {
    const long = { ...outputQuestion(), prompt: 'p'.repeat(6000) };
    const rendered = renderRoundPost({ roundId: 'r3', question: long, revealAt: REVEAL_AT, timezone: 'UTC' });
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
    const description = rendered.embeds[0]?.description ?? '';
    expect(description.endsWith('…')).toBe(true);
    expect(embedSize(rendered.embeds[0] ?? {})).toBeLessThanOrEqual(5900);
    expect(embedSize(rendered.embeds[0] ?? {})).toBeGreaterThan(5800);
  });

  it('gives a prompt at most 3500 characters even when the options are short', () => {
    const long = { ...choiceQuestion(), prompt: 'p'.repeat(6000) };
    const rendered = renderRoundPost({ roundId: 'r3', question: long, revealAt: REVEAL_AT, timezone: 'UTC' });
    expect(rendered.embeds[0]?.description).toBe(`${'p'.repeat(3499)}…`);
  });
});

describe('discord: the embed budget', () => {
  it('counts every text of an embed, in characters rather than UTF-16 units', () => {
    expect(
      embedSize({
        title: 'ab',
        description: '😀😀',
        author: { name: 'xyz' },
        footer: { text: 'f' },
        fields: [
          { name: 'n', value: 'vv' },
          { name: 'm', value: 'w' },
        ],
      }),
    ).toBe(2 + 2 + 3 + 1 + 3 + 2);
    expect(embedSize({})).toBe(0);
  });

  it('keeps at least 200 characters of a prompt however full the rest of the message is', () => {
    const embed = withPrompt({ title: 't' }, 'q'.repeat(1000), 5900);
    expect(embed.description).toBe(`${'q'.repeat(199)}…`);
    expect(withPrompt({ title: 't' }, 'q'.repeat(1000), 5000).description).toBe(`${'q'.repeat(898)}…`);
    expect(withPrompt({ title: 't' }, 'short').description).toBe('short');
  });

  it('draws no buttons for a question without options', () => {
    expect(optionButtons(0, (i) => `x:${i}`)).toEqual([]);
  });
});

describe('discord: the reveal of a button round', () => {
  const choice: ChoiceReveal = {
    correct: 1,
    options: [
      { text: 'It is released while the call blocks', picks: 2, why: 'Blocking calls release the GIL.' },
      { text: 'It stays held until the call returns', picks: 3 },
      { text: 'It is handed to the main thread', picks: 0, why: 'No thread is favoured.' },
    ],
    right: [
      { id: '11', name: 'Ann' },
      { id: '12', name: 'Bob' },
      { id: '13', name: 'Cy' },
    ],
    total: 5,
  };
  const view: RevealView = {
    ...buttonReveal('r1', choiceQuestion(), { correct: 1, picks: [2, 3, 0], right: [] }, REVEAL_AT),
    modelAnswer: 'Model answer here.',
    choice,
  };

  it('opens with the right option and its text, then the model answer', () => {
    const [answer] = renderReveal(view).embeds;
    expect(answer?.title).toBe('Answer: What the GIL does during blocking I/O');
    expect(answer?.description).toBe('**The answer: B**\nIt stays held until the call returns\n\nModel answer here.');
  });

  it('tallies the picks, names who got it right with mentions, and says why each wrong option is wrong', () => {
    const rendered = renderReveal(view);
    const tally = rendered.embeds[1];
    expect(tally?.title).toBe('3 of 5 got it right.');
    expect(tally?.description).toBe('```\nA ████░░░░░░ 2  40%\nB ██████░░░░ 3  60% ✓\nC ░░░░░░░░░░ 0   0%\n```');
    expect(tally?.fields).toEqual([
      { name: 'Got it right', value: '<@11>, <@12>, <@13>' },
      { name: 'Why not the others', value: '**A**: Blocking calls release the GIL.\n**C**: No thread is favoured.' },
    ]);
    expect(rendered.components).toEqual([]);
    // Mentions in an embed never ping: the message allows none.
    expect(toRestBody(rendered).allowed_mentions).toEqual({ parse: [] });
  });

  it('has no fields when nobody got it right and no option carries a why', () => {
    const bare = tallyEmbed({ correct: 0, options: [{ text: 'a', picks: 0 }], right: [], total: 0 }, 1);
    expect(bare).toEqual({
      title: 'Nobody answered this one.',
      description: '```\nA ░░░░░░░░░░ 0   0% ✓\n```',
      color: 1,
    });
  });

  it('leaves out the why of the right option even when it has one', () => {
    const embed = tallyEmbed(
      {
        correct: 0,
        options: [
          { text: 'a', picks: 1, why: 'right anyway' },
          { text: 'b', picks: 0, why: 'wrong' },
        ],
        right: [],
        total: 1,
      },
      1,
    );
    expect(embed.fields).toEqual([{ name: 'Why not the others', value: '**B**: wrong' }]);
  });

  it('fits the largest output question with a crowd who got it right in one message, the names cut with a count', () => {
    const right = Array.from({ length: 300 }, (_, i) => ({ id: String(100000000000000000 + i), name: `p${i}` }));
    const big = buttonReveal('r9', outputQuestion(), { correct: 2, picks: [50, 50, 300, 10, 10], right }, REVEAL_AT);
    const rendered = renderReveal({ ...big, modelAnswer: 'm'.repeat(3000) });
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
    const [answer, tally] = rendered.embeds;
    expect(answer?.description?.startsWith(`**The answer: C**\n\`\`\`\n${widestOutput(2)}\n\`\`\``)).toBe(true);
    expect(answer?.description?.endsWith('…')).toBe(true);
    expect(embedSize(answer ?? {}) + embedSize(tally ?? {})).toBeLessThanOrEqual(5900);
    expect(tally?.fields?.[0]?.value).toMatch(/^<@100000000000000000>, .*, and \d+ more$/);
    expect(tally?.fields?.[0]?.value.length).toBeLessThanOrEqual(1024);
  });
});

describe('discord: the post of a button round once revealed', () => {
  const view = buttonReveal('r1', choiceQuestion(), { correct: 2, picks: [1, 0, 0], right: [] }, REVEAL_AT);

  it('keeps the question and its options, greyed, saying it is closed and where the answer is', () => {
    const [embed] = renderRevealedPost(view, '700').embeds;
    expect(embed?.author?.name).toBe('Question of the day (revealed)');
    expect(embed?.footer?.text).toBe('Round r1');
    expect(embed?.color).toBe(0x95a5a6);
    expect(embed?.fields?.map((f) => f.name)).toEqual(['A', 'B', 'C', 'Difficulty', 'Topics', 'Revealed']);
    expect(embed?.fields?.at(-1)?.value).toBe('Closed: 1 person answered. The answer is in the thread. <#700>');
  });

  it('disables every button and marks the right one green, the others grey', () => {
    const [row] = renderRevealedPost(view, '700').components;
    expect(row?.components).toEqual([
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: 'quiz:pick:r1:0',
        label: 'A',
        disabled: true,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: 'quiz:pick:r1:1',
        label: 'B',
        disabled: true,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Success,
        custom_id: 'quiz:pick:r1:2',
        label: 'C',
        disabled: true,
      },
    ]);
  });

  it('counts people in the plural', () => {
    const many = buttonReveal('r1', choiceQuestion(), { correct: 0, picks: [2, 1, 0], right: [] }, REVEAL_AT);
    expect(renderRevealedPost(many, '700').embeds[0]?.fields?.at(-1)?.value).toBe(
      'Closed: 3 people answered. The answer is in the thread. <#700>',
    );
  });
});

describe('discord: a practice button question', () => {
  it('is private, letters the options, and has one button per option naming the question', () => {
    const rendered = renderReply({ visibility: 'private', kind: 'practice', question: choiceQuestion() });
    expect(rendered.ephemeral).toBe(true);
    const [embed] = rendered.embeds;
    expect(embed?.author?.name).toBe('Practice (only you see this)');
    expect(embed?.footer?.text).toBe('Tap a letter: you see at once whether it is right, and why.');
    expect(embed?.fields?.slice(0, 3).map((f) => f.name)).toEqual(['A', 'B', 'C']);
    expect(rendered.components[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual([
      'quiz:practice-pick:ch-gil-io:0',
      'quiz:practice-pick:ch-gil-io:1',
      'quiz:practice-pick:ch-gil-io:2',
    ]);
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
  });

  it('has no option buttons for a button question that came without options', () => {
    const rendered = renderReply({
      visibility: 'private',
      kind: 'practice',
      question: { ...choiceQuestion(), options: undefined },
    });
    expect(rendered.components).toEqual([]);
  });
});
