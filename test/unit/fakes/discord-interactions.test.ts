import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { message } from '../../fakes/discord/payloads.ts';

const row = (ids: string[], disabled = false): APIActionRowComponent<APIButtonComponentWithCustomId> => ({
  type: ComponentType.ActionRow,
  components: ids.map((id) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    custom_id: id,
    label: id,
    ...(disabled ? { disabled } : {}),
  })),
});

/** The fake's interaction rules, driven over REST as a bot would (no bot session is connected here). */
describe('the fake Discord’s interactions', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const posted = () => {
    const post = message({ channelId: fake.channelId, author: fake.bot, content: 'Q', components: [row(['a', 'b'])] });
    fake.store(post, undefined);
    return post;
  };
  const callback = (token: string, body: object) =>
    fetch(`${fake.apiUrl}/v10/interactions/${fake.interactions.get(token)?.id}/${token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('fails a click no bot session receives, and answers a late callback with 10062 Unknown interaction', async () => {
    const token = fake.pressButton(fake.user('Bob'), 'a', posted());
    expect(fake.interactions.get(token)?.failed).toBe(true);
    const late = await callback(token, { type: InteractionResponseType.DeferredChannelMessageWithSource });
    expect(late.status).toBe(404);
    expect(await late.json()).toMatchObject({ code: 10062 });
    expect(fake.answerTo(token)).toBeUndefined();
  });

  it('refuses a press of a button the message does not have, or has disabled', () => {
    const post = posted();
    expect(() => fake.pressButton(fake.user('Bob'), 'zzz', post)).toThrow(/no button zzz/);
    fake.store({ ...post, components: [row(['a'], true)] }, undefined);
    expect(() => fake.pressButton(fake.user('Bob'), 'a', post)).toThrow(/disabled/);
    // A client that has not seen the update still shows the button.
    expect(() => fake.pressButton(fake.user('Bob'), 'a', post, { stale: true })).not.toThrow();
  });

  it('edits the channel message a button is on with an update (callback 7), components and all', async () => {
    const post = posted();
    const token = fake.pressButton(fake.user('Bob'), 'b', post);
    // Acknowledged in time: the fake only fails a click nobody received, or one not answered within 3 s.
    fake.interactions.get(token)!.failed = false;
    const response = await callback(token, {
      type: InteractionResponseType.UpdateMessage,
      data: { content: 'Closed', components: [row(['a'])] },
    });
    expect(response.status).toBe(204);
    expect(fake.messages.get(post.id)?.content).toBe('Closed');
    expect(buttonsOf(fake.messages.get(post.id)!).map((b) => b.custom_id)).toEqual(['a']);
  });
});
