import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatFailure } from '../../../src/ports/chat.ts';
import { sampleDigest } from '../../support/digest-views.ts';
import { type DiscordHarness, startDiscordQuiz } from './harness.ts';

const png = (bytes: number) => {
  const data = new Uint8Array(bytes);
  data.set([137, 80, 78, 71, 13, 10, 26, 10]);
  return data;
};

describe('the Discord digest', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('sends one multipart message whose embed shows the PNG it carries, and links the hardest question', async () => {
    const view = sampleDigest();
    await h.adapter.postDigest(h.fake.channelId, view, { png: png(5000), width: 1200, height: 900, alt: 'A chart.' });
    const [request, ...more] = h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages`);
    expect(more).toHaveLength(0);
    expect(request?.files?.map((f) => [f.index, f.filename, f.contentType, f.data.length])).toEqual([
      [0, 'digest.png', 'image/png', 5000],
    ]);
    expect(request?.body.attachments).toEqual([{ id: 0, filename: 'digest.png', description: 'A chart.' }]);
    const embed = request?.body.embeds[0];
    expect(embed.image).toEqual({ url: 'attachment://digest.png' });
    expect(embed.title).toBe('Weekly digest, 27 Nov to 4 Dec');
    expect(embed.description).toContain(
      `[gather and failures](https://discord.com/channels/${h.fake.guildId}/${h.fake.channelId}/m37)`,
    );
    expect(embed.description).toContain('Top streaks: 1. Ana 23, 2. Bilal 17, 3. Chen 9.');
    // Stored as Discord stores it: an attachment with the uploaded bytes.
    const posted = [...h.fake.messages.values()].find((m) => m.embeds[0]?.title?.startsWith('Weekly digest'));
    expect(posted?.attachments.map((a) => [a.filename, a.size])).toEqual([['digest.png', 5000]]);
  });

  it('is refused as Discord refuses a file over 10 MiB, with a ChatFailure', async () => {
    const failure = await h.adapter
      .postDigest(h.fake.channelId, sampleDigest(), { png: png(10 * 1024 * 1024 + 1), width: 1, height: 1, alt: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatFailure);
    expect(h.fake.rejected.at(-1)?.violations.map((v) => v.path)).toEqual(['files.0']);
  });

  it('goes out as an embed alone when there is no chart', async () => {
    await h.adapter.postDigest(h.fake.channelId, sampleDigest());
    const [request] = h.fake.requestsTo('POST', `/channels/${h.fake.channelId}/messages`);
    expect(request?.files).toBeUndefined();
    expect(request?.body.embeds[0].image).toBeUndefined();
  });
});
