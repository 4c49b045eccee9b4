import { describe, expect, it } from 'vitest';
import { toRestBody } from '../../../src/adapters/discord/message.ts';
import { digestEmbed, renderDigestReply } from '../../../src/adapters/discord/render-digest.ts';
import type { Reply } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';
import { sampleDigest } from '../../support/digest-views.ts';

type DigestReply = Extract<Reply, { kind: 'digest' }>;
const NEXT = Date.UTC(2026, 11, 11, 15, 30);
const reply = (overrides: Partial<DigestReply> = {}): DigestReply => ({
  visibility: 'private',
  kind: 'digest',
  enabled: true,
  timezone: 'Europe/Berlin',
  scheduled: true,
  changed: false,
  ...overrides,
});

describe('discord: the weekly digest', () => {
  it('titles the week, shows the chart attachment, and links the hardest question to its message', () => {
    const embed = digestEmbed(sampleDigest(), 'C1', 'G1', true);
    expect(embed.title).toBe('Weekly digest, 27 Nov to 4 Dec');
    expect(embed.image).toEqual({ url: 'attachment://digest.png' });
    expect(embed.color).toBe(0x2563eb);
    const paragraphs = embed.description?.split('\n\n') ?? [];
    expect(paragraphs[0]).toBe('This week: 5 rounds, 62 answers.');
    expect(paragraphs).toContain(
      'Hardest question: [gather and failures](https://discord.com/channels/G1/C1/m37) (38% of its key points covered across 12 answers).',
    );
    expect(paragraphs).toContain('Top streaks: 1. Ana 23, 2. Bilal 17, 3. Chen 9.');
  });

  it('escapes user text, so a key point cannot turn into markdown', () => {
    expect(digestEmbed(sampleDigest(), 'C1', 'G1', true).description).toContain(
      'Queue.join waits for task\\_done calls',
    );
  });

  it('names the hardest question without a link outside a server or when its message is unknown, and without a chart', () => {
    const noGuild = digestEmbed(sampleDigest(), 'C1', undefined, false);
    expect(noGuild.description).toContain('Hardest question: gather and failures (38%');
    expect(noGuild).not.toHaveProperty('image');
    const view = sampleDigest();
    const unposted = { ...view, hardest: view.hardest ? { ...view.hardest, post: undefined } : undefined };
    expect(digestEmbed(unposted, 'C1', 'G1', true).description).toContain('Hardest question: gather and failures (');
  });

  it('cuts a hardest question’s long title to 200 characters and keeps the embed within Discord’s limits', () => {
    const view = sampleDigest();
    const long = { ...view, hardest: view.hardest ? { ...view.hardest, title: 't'.repeat(500) } : undefined };
    const embed = digestEmbed(long, 'C1', 'G1', true);
    expect(embed.description).toContain(`[${'t'.repeat(199)}…](https://discord.com/channels/G1/C1/m37)`);
    const crowded = {
      ...view,
      newcomers: Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, name: `Newcomer number ${i}` })),
    };
    const big = digestEmbed(crowded, 'C1', 'G1', true);
    expect(big.description?.length).toBe(4096);
    expect(big.description?.endsWith('…')).toBe(true);
    expect(
      messageViolations(toRestBody({ embeds: [big], components: [], mentionUsers: [], ephemeral: false })),
    ).toEqual([]);
  });
});

describe('discord: /quiz digest', () => {
  it('says the new setting and when the next digest is due, as a Discord timestamp, privately', () => {
    const rendered = renderDigestReply(reply({ changed: true, nextAt: NEXT, at: { day: 5, hour: 16, minute: 30 } }));
    expect(rendered.content).toBe(`Weekly digest is now on, Fridays at 16:30. Next: <t:${NEXT / 1000}:F>.`);
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.embeds).toEqual([]);
  });

  it('tells a channel without a schedule that it gets no digest', () => {
    expect(renderDigestReply(reply({ enabled: false, scheduled: false })).content).toBe(
      'Weekly digest: off.\nThis channel has no schedule, so it gets no digest: run `/quiz schedule` first.',
    );
  });

  it('says there is nothing to preview after a week without rounds', () => {
    expect(renderDigestReply(reply()).content).toBe(
      'Weekly digest: on, after the last scheduled round of each week.\nNo round was revealed here in the last seven days, so there is nothing to preview.',
    );
  });

  it('previews this week’s digest as an embed without a chart or links', () => {
    const rendered = renderDigestReply(reply({ preview: sampleDigest(), visibility: 'public' }));
    expect(rendered.content).toBe('Weekly digest: on, after the last scheduled round of each week.');
    expect(rendered.ephemeral).toBe(false);
    expect(rendered.embeds).toHaveLength(1);
    expect(rendered.embeds[0]?.title).toBe('Weekly digest, 27 Nov to 4 Dec');
    expect(rendered.embeds[0]).not.toHaveProperty('image');
    expect(rendered.embeds[0]?.description).not.toContain('discord.com');
  });
});
