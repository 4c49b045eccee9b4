import type { APIMessage } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType, InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import type { Person } from '../../../src/core/types.ts';
import {
  buttonReveal,
  buttonRoundView,
  choiceQuestion,
  outputQuestion,
  RecordingInbound,
  widestOutput,
} from '../../support/button-rounds.ts';
import { buttonsOf, FakeDiscord, failures } from '../../fakes/discord/fake-discord.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { waitFor } from '../../support/wait-for.ts';

const REVEAL_AT = MONDAY_0800_UTC + 3_600_000;

describe('discord button rounds (adapter against the fake, core stubbed)', () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  let inbound: RecordingInbound;
  const clock = new FakeClock(MONDAY_0800_UTC);
  const practice = choiceQuestion();

  const connect = async () => {
    const next = createDiscordAdapter(
      { token: 'fake-bot-token', apiUrl: fake.apiUrl, messageContent: true },
      { logger: new RecordingLogger(), clock },
    );
    await next.start(inbound);
    return next;
  };

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    inbound = new RecordingInbound(REVEAL_AT, { question: practice, correct: 0 });
    adapter = await connect();
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.stop();
  });

  async function postRound(roundId = 'r1', question = outputQuestion()) {
    const post = await adapter.postQuestion(fake.channelId, buttonRoundView(roundId, question, REVEAL_AT));
    return { post, message: () => fake.messages.get(post.messageId) as APIMessage };
  }

  async function press(who: ReturnType<FakeDiscord['user']>, on: APIMessage, option: number) {
    const customId = buttonsOf(on)[option]?.custom_id as string;
    const token = fake.pressButton(who, customId, on);
    await waitFor(() => fake.answerTo(token), `the answer to ${who.username}'s click`);
    return { token, answer: fake.answerTo(token)! };
  }

  it('posts the prompt with its program, five lettered output options as code blocks and a button for each, within the limits', async () => {
    const { message } = await postRound('r-big');
    const embed = message().embeds[0]!;
    expect(embed.description).toContain('```python\nimport asyncio');
    expect(embed.fields?.slice(0, 5).map((f) => f.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(embed.fields?.[4]?.value).toBe(`\`\`\`\n${widestOutput(4)}\n\`\`\``);
    expect(buttonsOf(message()).map((b) => [b.label, b.custom_id])).toEqual(
      ['A', 'B', 'C', 'D', 'E'].map((label, i) => [label, `quiz:pick:r-big:${i}`]),
    );
    expect(fake.rejected).toEqual([]);
  });

  it('answers each click privately and at once, takes a changed pick, and shows nobody the tally', async () => {
    const { message } = await postRound();
    const bob = fake.user('Bob');
    const carol = fake.user('Carol');
    const first = await press(bob, message(), 1);
    expect(first.answer.ephemeral).toBe(true);
    expect(first.answer.message.content).toMatch(/^Your answer B is in; you can change it until the reveal\. /);
    expect(fake.interactions.get(first.token)?.callbacks[0]?.type).toBe(
      InteractionResponseType.DeferredChannelMessageWithSource,
    );
    expect((await press(carol, message(), 0)).answer.message.content).toMatch(/^Your answer A is in/);
    expect((await press(bob, message(), 2)).answer.message.content).toMatch(/^Your answer is now C;/);
    expect(inbound.picks.map((p) => [p.caller.name, p.roundId, p.option, p.channel])).toEqual([
      ['Bob', 'r1', 1, `discord:${fake.channelId}`],
      ['Carol', 'r1', 0, `discord:${fake.channelId}`],
      ['Bob', 'r1', 2, `discord:${fake.channelId}`],
    ]);
    // The post itself is untouched: no counts before the reveal.
    expect(message().edited_timestamp).toBeNull();
  });

  it('defers a click when the core is slow, so Discord does not fail it after 3 seconds', async () => {
    const { message } = await postRound();
    let release!: () => void;
    inbound.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const token = fake.pressButton(fake.user('Bob'), buttonsOf(message())[3]!.custom_id!, message());
    // Acknowledged while the core is still working on it.
    await waitFor(() => (fake.interactions.get(token)?.callbacks.length ?? 0) > 0, 'the deferral');
    expect(fake.answerTo(token)?.message.content ?? '').toBe('');
    release();
    await waitFor(() => fake.answerTo(token)?.message.content, 'the confirmation');
    expect(fake.answerTo(token)?.message.content).toMatch(/^Your answer D is in/);
    expect(fake.interactions.get(token)?.failed).toBe(false);
  });

  it('reveals the right option, a bar per option, who got it right and why not the others, and closes the post', async () => {
    const { post, message } = await postRound('r1', choiceQuestion());
    const right: Person[] = [
      { id: fake.user('Bob').id, name: 'Bob' },
      { id: fake.user('Carol').id, name: 'Carol' },
    ];
    await adapter.postReveal(
      fake.channelId,
      post,
      buttonReveal('r1', choiceQuestion(), { correct: 0, picks: [2, 1, 0], right }, REVEAL_AT),
    );
    const reveal = [...fake.messages.values()].find((m) => m.channel_id === post.threadId)!;
    const [answer, tally] = reveal.embeds;
    expect(answer?.description).toMatch(/^\*\*The answer: A\*\*\nIt is released while the call blocks\n\n/);
    expect(tally?.title).toBe('2 of 3 got it right.');
    expect(tally?.description).toBe(
      ['```', 'A ███████░░░ 2  67% ✓', 'B ███░░░░░░░ 1  33%', 'C ░░░░░░░░░░ 0   0%', '```'].join('\n'),
    );
    expect(tally?.fields).toEqual([
      { name: 'Got it right', value: right.map((p) => `<@${p.id}>`).join(', ') },
      {
        name: 'Why not the others',
        value: [1, 2]
          .map((i) => `**${'ABC'[i]}**: Option ${i} is a common slip: it forgets <what> & *why* the order holds.`)
          .join('\n'),
      },
    ]);
    // Names in an embed never ping.
    expect(fake.allowedMentions.get(reveal.id)).toEqual({ parse: [] });
    const closed = message();
    expect(closed.embeds[0]?.author?.name).toBe('Question of the day (revealed)');
    expect(closed.embeds[0]?.fields?.at(-1)?.value).toContain('Closed: 3 people answered.');
    expect(buttonsOf(closed)).toEqual([
      {
        type: ComponentType.Button,
        style: ButtonStyle.Success,
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
        style: ButtonStyle.Secondary,
        custom_id: 'quiz:pick:r1:2',
        label: 'C',
        disabled: true,
      },
    ]);
    expect(() => fake.pressButton(fake.user('Dan'), 'quiz:pick:r1:1', closed)).toThrow(/disabled/);
    expect(fake.rejected).toEqual([]);
  });

  it('names as many who got it right as fit, then "and N more", for a big round', async () => {
    const { post } = await postRound('r1', outputQuestion());
    const right = Array.from({ length: 400 }, (_, i) => ({ id: String(10n ** 18n + BigInt(i)), name: `P${i}` }));
    await adapter.postReveal(
      fake.channelId,
      post,
      buttonReveal('r1', outputQuestion(), { correct: 0, picks: [400, 100, 50, 25, 25], right }, REVEAL_AT),
    );
    const reveal = [...fake.messages.values()].find((m) => m.channel_id === post.threadId)!;
    const names = reveal.embeds[1]?.fields?.[0]?.value ?? '';
    const shown = names.match(/<@\d+>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(20);
    expect(names).toMatch(new RegExp(`, and ${400 - shown} more$`));
    expect(fake.rejected).toEqual([]);
  });

  it('answers a click on a post that could not be closed with a private "too late"', async () => {
    const { post, message } = await postRound();
    inbound.close('r1');
    // A moderator took the bot's right to edit its own post: the buttons stay enabled.
    fake.failNext('PATCH', `/channels/${fake.channelId}/messages/${post.messageId}`, failures.missingPermissions());
    await adapter.postReveal(
      fake.channelId,
      post,
      buttonReveal('r1', outputQuestion(), { correct: 0, picks: [1, 0, 0, 0, 0], right: [] }, REVEAL_AT),
    );
    const { answer } = await press(fake.user('Bob'), message(), 0);
    expect(answer).toMatchObject({ ephemeral: true, message: { content: 'Too late: this question is revealed.' } });
  });

  it('shows a practice button question with option buttons, and replaces it with the verdict on a click', async () => {
    inbound.commandReplies.push({ visibility: 'private', kind: 'practice', question: practice });
    const asked = fake.runCommand(fake.user('Alice'), 'practice');
    await waitFor(() => (fake.answerTo(asked)?.message.embeds.length ?? 0) > 0, 'the practice question');
    const question = fake.answerTo(asked)!;
    expect(question.ephemeral).toBe(true);
    expect(buttonsOf(question.message).map((b) => b.custom_id)).toEqual(
      [0, 1, 2].map((i) => `quiz:practice-pick:${practice.id}:${i}`),
    );
    const { answer, token } = await press(fake.user('Alice'), question.message, 1);
    expect(fake.interactions.get(token)?.callbacks).toEqual([{ type: InteractionResponseType.DeferredMessageUpdate }]);
    expect(inbound.practicePicks).toMatchObject([{ questionId: practice.id, option: 1, space: fake.guildId }]);
    await waitFor(() => fake.answerTo(token)?.message.embeds[0]?.description?.includes('not right'), 'the verdict');
    const verdict = fake.answerTo(token)!.message;
    expect(answer.ephemeral).toBe(true);
    expect(verdict.embeds[0]?.description).toMatch(
      /^❌ \*\*B is not right: the answer is A\.\*\*\nBlocking I\/O releases/,
    );
    expect(verdict.embeds[0]?.description).toContain('**Model answer**');
    expect(verdict.components).toEqual([]);
  });

  it('lets a click made while the bot is down fail for the user, and takes the same button once the bot is back', async () => {
    const { message } = await postRound();
    await adapter.stop();
    await waitFor(() => fake.gateway.connected === 0, 'the bot to disconnect');
    const during = fake.pressButton(fake.user('Bob'), 'quiz:pick:r1:1', message());
    // Discord shows the user "This interaction failed"; the bot never hears of it.
    expect(fake.interactions.get(during)).toMatchObject({ failed: true, callbacks: [] });
    adapter = await connect();
    const { answer } = await press(fake.user('Bob'), message(), 1);
    expect(answer.message.content).toMatch(/^Your answer B is in/);
    expect(inbound.picks).toHaveLength(1);
  });
});
