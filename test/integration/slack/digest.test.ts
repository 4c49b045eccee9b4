import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatFailure } from '../../../src/ports/chat.ts';
import { sampleDigest } from '../../support/digest-views.ts';
import { CHANNEL, type SlackHarness, startSlackHarness } from './slack-harness.ts';

const png = (bytes: number) => {
  const data = new Uint8Array(bytes);
  data.set([137, 80, 78, 71, 13, 10, 26, 10]);
  return data;
};

describe('the Slack digest', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('uploads the chart with files.uploadV2: an upload URL, the bytes, then the share with the text', async () => {
    // The hardest question's message, so Slack has a permalink for it.
    const question = await h.adapter.postQuestion(CHANNEL, {
      roundId: 'r37',
      question: { id: 'q', title: 'gather', difficulty: 'easy', topics: ['asyncio'], prompt: 'Why?', format: 'free' },
      revealAt: h.clock.now() + 3_600_000,
      timezone: 'UTC',
    });
    const view = sampleDigest();
    const hardest = view.hardest && { ...view.hardest, post: question };
    await h.adapter.postDigest(
      CHANNEL,
      { ...view, ...(hardest ? { hardest } : {}) },
      {
        png: png(4321),
        width: 1200,
        height: 900,
        alt: 'A chart.',
      },
    );
    const steps = h.api.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload');
    expect(steps).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(h.api.callsOf('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: 'digest-2026-W49.png',
      length: '4321',
      alt_text: 'A chart.',
    });
    const [file] = [...h.api.files.values()];
    expect(file?.data?.length).toBe(4321);
    expect(file?.channel).toBe(CHANNEL);
    expect(file?.title).toBe('Weekly digest, 27 Nov to 4 Dec');
    expect(file?.comment).toContain('*Weekly digest, 27 Nov to 4 Dec*');
    expect(file?.comment).toContain(
      `<https://fake.slack.com/archives/${CHANNEL}/p${question.messageId.replace('.', '')}|gather and failures>`,
    );
    expect(file?.comment).toContain(
      'Most-missed key points this week: asyncio.gather cancels nothing when one task fails (missed by 7)',
    );
  });

  it('names the hardest question without a link when Slack has none, and posts text alone without a chart', async () => {
    await h.adapter.postDigest(CHANNEL, sampleDigest());
    expect(h.api.callsOf('files.getUploadURLExternal')).toHaveLength(0);
    const [post] = h.api.callsOf('chat.postMessage');
    expect(String(post?.args.text)).toContain('Hardest question: gather and failures (38%');
  });

  it('reports a refused upload as a ChatFailure', async () => {
    h.api.failNext('files.getUploadURLExternal', 'not_in_channel');
    const failure = await h.adapter
      .postDigest(CHANNEL, sampleDigest(), { png: png(10), width: 1, height: 1, alt: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatFailure);
    expect((failure as ChatFailure).permanent).toBe(true);
  });
});
