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
    const answer = await answerOf(h, h.fake.runCommand(h.fake.user('Alice'), 'practice', { topic: 'threading', difficulty: 'easy' }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.embeds[0]?.author?.name).toBe('Practice (only you see this)');
    expect(answer.message.components).toEqual([
      { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: 2, custom_id: PRACTICE_REVEAL_ID, label: 'Reveal answer' }] },
    ]);
  });

  it('replaces the question with the model answer when the button is pressed', async () => {
    const alice = h.fake.user('Alice');
    const question = await answerOf(h, h.fake.runCommand(alice, 'practice'));
    const token = h.fake.pressButton(alice, PRACTICE_REVEAL_ID, question.message);
    await waitFor(() => h.fake.interactions.get(token)?.original, 'the edited practice message');
    const log = h.fake.interactions.get(token)!;
    expect(log.callbacks).toEqual([{ type: 6 }]);
    const result = h.fake.answerTo(token)!;
    expect(result.ephemeral).toBe(true);
    expect(result.message.embeds[0]?.description).toMatch(/^Here is the answer\.\n❌ Uses a lock/);
    expect(result.message.embeds[0]?.description).toContain('**Model answer**');
    expect(result.message.components).toEqual([]);
  });

  it('scores an answer given with /quiz answer', async () => {
    const alice = h.fake.user('Alice');
    await answerOf(h, h.fake.runCommand(alice, 'practice'));
    const result = await answerOf(h, h.fake.runCommand(alice, 'answer', { text: 'Use a lock and join.' }));
    expect(result.ephemeral).toBe(true);
    expect(result.message.embeds[0]?.description).toMatch(/^You covered 2 of 3 key points\./);
  });
});
