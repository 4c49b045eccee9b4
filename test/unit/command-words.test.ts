/**
 * How the words after `/quiz` are read when they are typed loosely: extra spaces, extra words,
 * names of several words, and a word given twice.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { scheduleUsage, slackUsageHint, TYPED, usage } from '../../src/core/commands/usage.ts';
import { specOf } from '../../src/core/commands/catalogue.ts';

describe('typed command words', () => {
  it('reads words apart however many spaces separate them', () => {
    expect(parseCommand('  leaderboard   points  month ')).toEqual({
      name: 'leaderboard',
      board: 'points',
      period: 'month',
    });
    expect(parseCommand('schedule  09:00   UTC  daily')).toMatchObject({
      time: '09:00',
      timezone: 'UTC',
      days: 'daily',
    });
  });

  it('repeats a line it does not understand without the spaces around it', () => {
    expect(parseCommand('  dance  ')).toEqual({ name: 'help', unknown: 'dance' });
  });

  it('takes a name of several words as one name, single-spaced', () => {
    expect(parseCommand('streak Ann   Lee')).toEqual({ name: 'streak', user: 'Ann Lee' });
  });

  it('keeps a free-text answer as typed, spaces and all', () => {
    expect(parseCommand('answer  a  Lock,  then join')).toEqual({ name: 'answer', text: 'a  Lock,  then join' });
  });

  it('ignores extra words after a command that takes none', () => {
    expect(parseCommand('today please')).toEqual({ name: 'today' });
    expect(parseCommand('reveal-now now')).toEqual({ name: 'reveal-now' });
  });

  it('ignores extra words after the ones a command reads in order', () => {
    expect(parseCommand('pick b please')).toEqual({ name: 'pick', option: 'b' });
    expect(parseCommand('leaderboard points month please')).toEqual({
      name: 'leaderboard',
      board: 'points',
      period: 'month',
    });
  });

  it('leaves a name or a length out when none is typed, rather than taking an empty one', () => {
    expect(parseCommand('streak')).toStrictEqual({ name: 'streak' });
    expect(parseCommand('away')).toStrictEqual({ name: 'away' });
  });

  it('does not guess between two topics for a practice question', () => {
    expect(parseCommand('asyncio gil')).toEqual({ name: 'help', unknown: 'asyncio gil' });
    expect(parseCommand('hard easy')).toEqual({ name: 'help', unknown: 'hard easy' });
  });

  it('collects every topic of a schedule, and keeps the last of a word given twice', () => {
    expect(parseCommand('schedule 09:00 UTC asyncio gil easy hard 2h 90m')).toMatchObject({
      topics: ['asyncio', 'gil'],
      difficulty: 'hard',
      window: '90m',
    });
  });
});

describe('usage lines', () => {
  it('writes a command with its words, the required in angle brackets', () => {
    expect(usage(specOf('retire'), TYPED)).toBe('/quiz retire <id>');
    expect(usage(specOf('practice'), TYPED)).toBe('/quiz [topic] [difficulty] [free|choice|output]');
    expect(scheduleUsage()).toMatch(/^\/quiz schedule <HH:MM> <timezone> \[weekdays\|daily\|mon,tue,\.\.\.\]/);
  });

  it('gives Slack one hint with every command, a user written as @user', () => {
    const hint = slackUsageHint();
    expect(hint.split(' | ')).toHaveLength(21);
    expect(hint).toContain(' | streak [@user] | ');
    expect(hint.startsWith('[topic] [difficulty]')).toBe(true);
  });
});
