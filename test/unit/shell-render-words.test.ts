/**
 * The shell's exact words for replies the other shell tests only touch in part: day and month names,
 * the suggestion replies, the digest status, help for a member, feedback without wrong claims.
 */
import { describe, expect, it } from 'vitest';
import { formatWhen, renderReply } from '../../src/adapters/shell/render.ts';
import { renderDigestReply } from '../../src/adapters/shell/render-digest.ts';
import { TYPED, helpEntries } from '../../src/core/commands/usage.ts';
import { DIGEST_NOT_SCHEDULED } from '../../src/core/digest-text.ts';
import type { QuestionView, Reply } from '../../src/core/views.ts';

const MONDAY_0800_UTC = Date.UTC(2026, 10, 23, 8, 0);
const DAY = 86_400_000;
const say = (reply: Reply) => renderReply(reply, MONDAY_0800_UTC);

const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'hard',
  topics: ['threading'],
  prompt: 'Why?',
};

describe('shell dates', () => {
  it('names every weekday from two days ahead', () => {
    // Wed 25 Nov 2026 is two days after the Monday, so no day is "today" or "tomorrow".
    const names = [2, 3, 4, 5, 6, 7, 8].map((d) => formatWhen(MONDAY_0800_UTC + d * DAY, 'UTC', MONDAY_0800_UTC));
    expect(names).toEqual([
      'Wed 25 Nov 08:00 UTC',
      'Thu 26 Nov 08:00 UTC',
      'Fri 27 Nov 08:00 UTC',
      'Sat 28 Nov 08:00 UTC',
      'Sun 29 Nov 08:00 UTC',
      'Mon 30 Nov 08:00 UTC',
      'Tue 1 Dec 08:00 UTC',
    ]);
  });

  it('names every month', () => {
    const now = Date.UTC(2026, 0, 1, 8, 0);
    const names = Array.from({ length: 12 }, (_, m) => formatWhen(Date.UTC(2026, m, 10, 8, 0), 'UTC', now));
    expect(names).toEqual([
      'Sat 10 Jan 08:00 UTC',
      'Tue 10 Feb 08:00 UTC',
      'Tue 10 Mar 08:00 UTC',
      'Fri 10 Apr 08:00 UTC',
      'Sun 10 May 08:00 UTC',
      'Wed 10 Jun 08:00 UTC',
      'Fri 10 Jul 08:00 UTC',
      'Mon 10 Aug 08:00 UTC',
      'Thu 10 Sep 08:00 UTC',
      'Sat 10 Oct 08:00 UTC',
      'Tue 10 Nov 08:00 UTC',
      'Thu 10 Dec 08:00 UTC',
    ]);
  });

  it('calls the day after the last of February tomorrow', () => {
    // Counting days needs the real month: February's length decides that 1 March is the next day.
    expect(formatWhen(Date.UTC(2026, 2, 1, 9, 0), 'UTC', Date.UTC(2026, 1, 28, 9, 0))).toBe('tomorrow 09:00 UTC');
  });
});

describe('shell replies in full', () => {
  it('prints the digest status through renderReply as the digest renderer does', () => {
    const reply: Reply = {
      visibility: 'public',
      kind: 'digest',
      enabled: true,
      timezone: 'UTC',
      scheduled: false,
      changed: true,
    };
    const text = say(reply);
    expect(text).toBe(renderDigestReply(reply, MONDAY_0800_UTC));
    expect(text.split('\n')[1]).toBe(DIGEST_NOT_SCHEDULED);
  });

  it('shows a member the everyone commands and nothing for admins', () => {
    const lines = say({ visibility: 'private', kind: 'help', isAdmin: false }).split('\n');
    expect(lines[0]).toBe('quizthread commands:');
    expect(lines).not.toContain('Admins:');
    // The last member command is followed straight by the closing lines.
    const last = helpEntries(TYPED).everyone.at(-1);
    expect(lines.slice(-3)).toEqual([
      `  ${last?.usage.padEnd(30)} ${last?.summary}`,
      'Answer the daily question by replying in its thread.',
      'Shell: /as <name> switches user, /reveal shows your practice answer, /quit leaves.',
    ]);
  });

  it('lists covered and missed points and no wrong claims when there are none', () => {
    const text = say({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question,
      keyPoints: ['lock', 'join'],
      feedback: { covered: ['lock'], missed: ['join'] } as never,
      feedbackAvailable: true,
      points: 2,
    });
    expect(text).toBe(
      ['Your feedback: Locks', 'You covered 1 of 2 key points.', '  ✓ lock', '  ✗ join', 'You earned 2 points.'].join(
        '\n',
      ),
    );
  });

  it('introduces the suggestion form', () => {
    expect(say({ visibility: 'private', kind: 'suggest-form' })).toBe(
      'Suggest a question for this team. Answer each prompt; an empty line keeps what is shown in brackets, /cancel stops.',
    );
  });

  it('names each field of a suggestion that needs changes', () => {
    const draft = { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' };
    const text = say({
      visibility: 'private',
      kind: 'suggestion-problems',
      draft,
      problems: [
        { field: 'title', message: 'too short' },
        { field: 'question', message: 'missing' },
        { field: 'modelAnswer', message: 'missing' },
        { field: 'keyPoints', message: 'none' },
        { field: 'topicAndDifficulty', message: 'unknown word' },
      ],
    });
    expect(text).toBe(
      [
        'The suggestion needs changes before it can be sent:',
        '  Title: too short',
        '  Question: missing',
        '  Model answer: missing',
        '  Key points: none',
        '  Topic and difficulty: unknown word',
      ].join('\n'),
    );
  });

  it('answers each suggestion command with its own line', () => {
    expect(say({ visibility: 'private', kind: 'suggestion-received', id: 's1', title: 'Locks' })).toBe(
      'Thanks: "Locks" (s1) is waiting for an admin\'s review.',
    );
    expect(say({ visibility: 'private', kind: 'suggestions', items: [] })).toBe(
      'No suggestions are waiting for review.',
    );
    expect(
      say({ visibility: 'private', kind: 'suggestion-decided', id: 's1', title: 'Locks', decision: 'approved' }),
    ).toBe('"Locks" (s1) is approved; its author has been told.');
    expect(say({ visibility: 'private', kind: 'retired', id: 's1', title: 'Locks' })).toBe(
      '"Locks" (s1) is retired: it will not be asked again.',
    );
    expect(
      say({
        visibility: 'private',
        kind: 'export',
        files: [
          { name: 'a.md', content: 'A' },
          { name: 'b.md', content: 'B' },
        ],
      }),
    ).toBe('a.md\nb.md');
  });
});
