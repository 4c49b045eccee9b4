import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDigest, renderDigestReply, saveDigestImage } from '../../src/adapters/shell/render-digest.ts';
import type { Reply } from '../../src/core/views.ts';
import { sampleDigest } from '../support/digest-views.ts';

type DigestReply = Extract<Reply, { kind: 'digest' }>;
const NOW = Date.UTC(2026, 11, 10, 15, 30);
const reply = (overrides: Partial<DigestReply> = {}): DigestReply => ({
  visibility: 'private',
  kind: 'digest',
  enabled: true,
  timezone: 'Europe/Berlin',
  scheduled: true,
  changed: false,
  ...overrides,
});

describe('shell: the weekly digest', () => {
  it('prints the title, every line of numbers and where the chart was written', () => {
    const lines = renderDigest(sampleDigest(), '/tmp/d/digest-2026-W49.png').split('\n');
    expect(lines[0]).toBe('━━ Weekly digest, 27 Nov to 4 Dec ━━');
    expect(lines[1]).toBe('This week: 5 rounds, 62 answers.');
    expect(lines).toContain('Hardest question: gather and failures (38% of its key points covered across 12 answers).');
    expect(lines.at(-1)).toBe('Chart: /tmp/d/digest-2026-W49.png');
  });

  it('says so when the chart could not be drawn', () => {
    expect(renderDigest(sampleDigest(), undefined).split('\n').at(-1)).toBe(
      '(no chart this time: it could not be drawn)',
    );
  });
});

describe('shell: /quiz digest', () => {
  it('says the setting and when the next digest is due, relative to today', () => {
    expect(renderDigestReply(reply({ changed: true, nextAt: NOW + 86_400_000 }), NOW)).toBe(
      'Weekly digest is now on, after the last scheduled round of each week. Next: tomorrow 16:30 Europe/Berlin.',
    );
  });

  it('tells a channel without a schedule that it gets no digest', () => {
    expect(renderDigestReply(reply({ enabled: false, scheduled: false }), NOW)).toBe(
      'Weekly digest: off.\nThis channel has no schedule, so it gets no digest: run `/quiz schedule` first.',
    );
  });

  it('says there is nothing to preview after a week without rounds', () => {
    expect(renderDigestReply(reply(), NOW)).toBe(
      'Weekly digest: on, after the last scheduled round of each week.\nNo round was revealed here in the last seven days, so there is nothing to preview.',
    );
  });

  it('prints the preview under a blank line, with the chart’s path', () => {
    const lines = renderDigestReply(reply({ preview: sampleDigest() }), NOW, '/tmp/c.png').split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Weekly digest: on, after the last scheduled round of each week.',
      '',
      '━━ Weekly digest, 27 Nov to 4 Dec ━━',
    ]);
    expect(lines.at(-1)).toBe('Chart: /tmp/c.png');
  });
});

describe('shell: the digest chart', () => {
  it('is written to a new temporary file named by its week, for the terminal to print its path', async () => {
    const png = Uint8Array.from([137, 80, 78, 71, 1, 2, 3]);
    const path = await saveDigestImage({ png, width: 1, height: 1, alt: 'chart' }, '2026-W49');
    try {
      expect(basename(path)).toBe('digest-2026-W49.png');
      expect(basename(dirname(path))).toMatch(/^quizthread-digest-/);
      expect(dirname(dirname(path))).toBe(tmpdir());
      expect(new Uint8Array(await readFile(path))).toEqual(png);
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  });
});
