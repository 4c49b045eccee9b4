import { describe, expect, it } from 'vitest';
import { formatRemaining, formatWhen, renderReply } from '../../src/adapters/shell/render.ts';
import { CATALOGUE } from '../../src/core/commands/catalogue.ts';
import { TYPED, usage } from '../../src/core/commands/usage.ts';

const MONDAY_0800_UTC = Date.UTC(2026, 10, 23, 8, 0);

describe('shell rendering', () => {
  it('says when in the channel timezone, relative to today', () => {
    expect(formatWhen(MONDAY_0800_UTC + 3_600_000, 'Europe/Berlin', MONDAY_0800_UTC)).toBe('today 10:00 Europe/Berlin');
    expect(formatWhen(MONDAY_0800_UTC + 86_400_000, 'UTC', MONDAY_0800_UTC)).toBe('tomorrow 08:00 UTC');
    expect(formatWhen(MONDAY_0800_UTC + 4 * 86_400_000, 'UTC', MONDAY_0800_UTC)).toBe('Fri 27 Nov 08:00 UTC');
  });

  it('tells a practice answer which claim was wrong and what is true', () => {
    const text = renderReply(
      {
        visibility: 'private',
        kind: 'practice-result',
        question: {
          id: 'q',
          title: 'Start methods',
          difficulty: 'medium',
          topics: ['multiprocessing'],
          prompt: '?',
          format: 'free',
        },
        covered: ['spawn imports main'],
        missed: ['3.14 default'],
        wrong: [{ claim: 'fork is still the Linux default', truth: '3.14 switched to forkserver' }],
        modelAnswer: 'The model answer.',
        answered: true,
      },
      MONDAY_0800_UTC,
    );
    expect(text).toContain("  ⚠ 'fork is still the Linux default' — 3.14 switched to forkserver");
  });

  it('rounds the time left up to whole minutes', () => {
    expect(formatRemaining(61_000)).toBe('2 min');
    expect(formatRemaining(90 * 60_000)).toBe('1 h 30 min');
    expect(formatRemaining(0)).toBe('now');
  });

  it('shows the caller below the top of a leaderboard with their shared rank', () => {
    const text = renderReply(
      {
        visibility: 'private',
        kind: 'leaderboard',
        board: 'total',
        month: '2026-11',
        entries: [
          { rank: 1, userId: 'a', name: 'ann', score: 5 },
          { rank: 1, userId: 'b', name: 'bob', score: 5 },
        ],
        caller: { rank: 12, userId: 'me', name: 'me', score: 1 },
      },
      MONDAY_0800_UTC,
    );
    expect(text).toBe('Leaderboard: total answers\n   1. ann — 5\n   1. bob — 5\n  …\n  12. me — 1 (you)');
  });

  it('lists every command in help, the admin ones only for admins', () => {
    const admin = renderReply({ visibility: 'private', kind: 'help', isAdmin: true }, MONDAY_0800_UTC);
    const member = renderReply({ visibility: 'private', kind: 'help', isAdmin: false }, MONDAY_0800_UTC);
    for (const spec of CATALOGUE) {
      expect(admin).toContain(usage(spec, TYPED));
      expect(admin).toContain(spec.summary);
      if (spec.audience === 'admin') expect(member).not.toContain(usage(spec, TYPED));
      else expect(member).toContain(usage(spec, TYPED));
    }
    expect(admin).toContain('[topic...] [difficulty]');
  });
});
