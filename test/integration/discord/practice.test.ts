import { ComponentType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTICE_REVEAL_ID } from '../../../src/adapters/discord/commands.ts';
import { waitFor } from '../../support/wait-for.ts';
import { answerOf, type DiscordHarness, startDiscordQuiz } from './harness.ts';

describe('discord practice', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('asks a private question with a Reveal answer button', async () => {
    const answer = await answerOf(
      h,
      h.fake.runCommand(h.fake.user('Alice'), 'practice', { topic: 'threading', difficulty: 'easy' }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.embeds[0]?.author?.name).toBe('Practice (only you see this)');
    expect(answer.message.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: 2,
            custom_id: expect.stringMatching(`^${PRACTICE_REVEAL_ID}:`),
            label: 'Reveal answer',
          },
        ],
      },
    ]);
  });

  it('replaces the question with the model answer when the button is pressed', async () => {
    const alice = h.fake.user('Alice');
    const question = await answerOf(h, h.fake.runCommand(alice, 'practice'));
    const token = h.fake.pressButton(alice, buttonId(question.message), question.message);
    await waitFor(() => h.fake.interactions.get(token)?.original, 'the edited practice message');
    const log = h.fake.interactions.get(token)!;
    expect(log.callbacks).toEqual([{ type: 6 }]);
    const result = h.fake.answerTo(token)!;
    expect(result.ephemeral).toBe(true);
    expect(result.message.embeds[0]?.description).toMatch(/^Here is the answer\.\n❌ Uses a lock/);
    expect(result.message.embeds[0]?.description).toContain('**Model answer**');
    expect(result.message.components).toEqual([]);
  });

  it('refuses to reveal through the button of an older practice question', async () => {
    const alice = h.fake.user('Alice');
    let first = await answerOf(h, h.fake.runCommand(alice, 'practice'));
    let second = await answerOf(h, h.fake.runCommand(alice, 'practice'));
    // Practice picks at random: ask again until the two questions differ.
    for (let i = 0; i < 20 && buttonId(first.message) === buttonId(second.message); i++) {
      first = second;
      second = await answerOf(h, h.fake.runCommand(alice, 'practice'));
    }
    expect(buttonId(first.message)).not.toBe(buttonId(second.message));
    const token = h.fake.pressButton(alice, buttonId(first.message), first.message);
    await waitFor(() => h.fake.interactions.get(token)?.followUps[0], 'the private note');
    expect(h.fake.interactions.get(token)?.followUps[0]?.message.content).toContain('That practice question is closed');
    // The newer question is still open, and its own button reveals it.
    const own = h.fake.pressButton(alice, buttonId(second.message), second.message);
    await waitFor(() => h.fake.interactions.get(own)?.original, 'the revealed newer question');
    expect(h.fake.answerTo(own)?.message.embeds[0]?.description).toContain('**Model answer**');
  });

  it('scores an answer given with /quiz answer', async () => {
    const alice = h.fake.user('Alice');
    await answerOf(h, h.fake.runCommand(alice, 'practice'));
    const result = await answerOf(h, h.fake.runCommand(alice, 'answer', { text: 'Use a lock and join.' }));
    expect(result.ephemeral).toBe(true);
    expect(result.message.embeds[0]?.description).toMatch(/^You covered 2 of 3 key points\./);
  });
});

function buttonId(message: { components?: unknown }): string {
  const rows = (message.components ?? []) as { components: { custom_id: string }[] }[];
  const id = rows[0]?.components[0]?.custom_id;
  if (!id) throw new Error('the practice question has no button');
  return id;
}
