/** A realistic digest for chart tests and the README example: eight weeks of rounds in a Berlin channel. */
import type { DigestView } from '../../src/core/digest-view.ts';

const DAY = 24 * 3_600_000;

export function sampleDigest(until = Date.UTC(2026, 11, 4, 12, 15)): DigestView {
  const answers = [
    6, 7, 5, 8, 6, 7, 9, 6, 8, 7, 5, 9, 8, 7, 10, 6, 9, 8, 11, 7, 9, 8, 10, 12, 9, 11, 10, 8, 12, 11, 9, 13, 12, 10, 11,
    14, 12, 13, 11, 12,
  ];
  const rounds = answers.map((n, i) => {
    const week = Math.floor(i / 5);
    const weekday = i % 5;
    const revealedAt = until - (7 - week) * 7 * DAY - (4 - weekday) * DAY - 15 * 60_000;
    return {
      roundId: `r${i + 1}`,
      seq: i + 1,
      title: `Question ${i + 1}`,
      revealedAt,
      answers: n,
      thisWeek: week === 7,
    };
  });
  return {
    week: '2026-W49',
    from: until - 7 * DAY,
    until,
    timezone: 'Europe/Berlin',
    rounds,
    missed: [
      { label: 'asyncio.gather cancels nothing when one task fails', missedBy: 7, title: 'gather and failures' },
      { label: 'The GIL is released around blocking I/O', missedBy: 5, title: 'Threads and I/O' },
      { label: 'A Lock is not reentrant; RLock is', missedBy: 4, title: 'Deadlock by re-acquiring' },
      { label: 'Queue.join waits for task_done calls', missedBy: 2, title: 'Queue shutdown' },
    ],
    streaks: [
      { rank: 1, userId: 'u1', name: 'Ana', score: 23 },
      { rank: 2, userId: 'u2', name: 'Bilal', score: 17 },
      { rank: 3, userId: 'u3', name: 'Chen', score: 9 },
    ],
    hardest: {
      roundId: 'r37',
      title: 'gather and failures',
      percent: 38,
      kind: 'coverage',
      answers: 12,
      post: { messageId: 'm37', threadId: 't37' },
    },
    newcomers: [
      { id: 'u8', name: 'Dara' },
      { id: 'u9', name: 'Emil' },
    ],
  };
}
