import { describe, expect, it } from 'vitest';
import { digestMrkdwn, renderDigestReply } from '../../../src/adapters/slack/render-digest.ts';
import type { Reply } from '../../../src/core/views.ts';
import { messageViolation } from '../../../support/fakes/slack/limits.ts';
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
const texts = (message: { blocks: unknown[] }) =>
  message.blocks.map((b) => (b as { text?: { text?: string } }).text?.text ?? '');

describe('slack: the weekly digest', () => {
  it('puts the title in bold and links the hardest question to its permalink', () => {
    const text = digestMrkdwn(sampleDigest(), 'https://quiz.slack.com/archives/C1/p1');
    const paragraphs = text.split('\n\n');
    expect(paragraphs[0]).toBe('*Weekly digest, 27 Nov to 4 Dec*');
    expect(paragraphs[1]).toBe('This week: 5 rounds, 62 answers.');
    expect(paragraphs).toContain(
      'Hardest question: <https://quiz.slack.com/archives/C1/p1|gather and failures> (38% of its key points covered across 12 answers).',
    );
  });

  it('names the hardest question without a link when none is known, and escapes what people wrote', () => {
    const view = sampleDigest();
    const tricky = {
      ...view,
      newcomers: [{ id: 'u1', name: '<!channel> & co' }],
      hardest: view.hardest ? { ...view.hardest, title: 'a < b' } : undefined,
    };
    const text = digestMrkdwn(tricky);
    expect(text).toContain('Hardest question: a &lt; b (38%');
    expect(text).toContain('First answers here this week: &lt;!channel&gt; &amp; co. Welcome!');
    expect(text).not.toContain('<!channel>');
  });
});

describe('slack: /quiz digest', () => {
  it('says the new setting and when the next digest is due, as a date token', () => {
    const rendered = renderDigestReply(reply({ changed: true, nextAt: NEXT, at: { day: 5, hour: 16, minute: 30 } }));
    expect(rendered.text).toBe('Weekly digest is now on, Fridays at 16:30.');
    expect(texts(rendered)).toEqual([
      `Weekly digest is now on, Fridays at 16:30. Next: <!date^${NEXT / 1000}^{date_short_pretty} at {time}|Fri 11 Dec, 16:30 Europe/Berlin>.`,
    ]);
  });

  it('tells a channel without a schedule that it gets no digest', () => {
    expect(texts(renderDigestReply(reply({ enabled: false, scheduled: false })))).toEqual([
      'Weekly digest: off.',
      'This channel has no schedule, so it gets no digest: run `/quiz schedule` first.',
    ]);
  });

  it('says there is nothing to preview after a week without rounds', () => {
    expect(texts(renderDigestReply(reply()))).toEqual([
      'Weekly digest: on, after the last scheduled round of each week.',
      'No round was revealed here in the last seven days, so there is nothing to preview.',
    ]);
  });

  it('previews this week’s digest in a section Slack takes, however many newcomers', () => {
    const preview = renderDigestReply(reply({ preview: sampleDigest() }));
    expect(texts(preview)[1]?.startsWith('*Weekly digest, 27 Nov to 4 Dec*\n\nThis week: 5 rounds')).toBe(true);
    expect(preview.blocks).toHaveLength(2);
    const crowded = {
      ...sampleDigest(),
      newcomers: Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, name: `Newcomer number ${i}` })),
    };
    const big = renderDigestReply(reply({ preview: crowded }));
    expect(texts(big)[1]?.length).toBe(3000);
    expect(texts(big)[1]?.endsWith('…')).toBe(true);
    expect(messageViolation(big as never)).toBeUndefined();
  });
});
