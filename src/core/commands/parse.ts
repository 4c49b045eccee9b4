/**
 * Parses the words after `/quiz` into a typed command, once, so handlers never look at raw text.
 * The same words work on every platform.
 */
import { isDifficulty, isTopic } from '../bank.ts';
import type { Board, Difficulty, Topic } from '../types.ts';
import { BOARDS } from '../types.ts';

export type Command =
  | { name: 'practice'; topic?: Topic; difficulty?: Difficulty }
  | { name: 'answer'; text: string }
  | { name: 'today' }
  | { name: 'streak'; user?: string }
  | { name: 'leaderboard'; board: Board }
  | { name: 'topics' }
  | { name: 'help'; unknown?: string }
  | { name: 'forget-me' }
  | {
      name: 'schedule';
      time?: string;
      timezone?: string;
      days?: string;
      window?: string;
      topics: Topic[];
      difficulty?: Difficulty;
    }
  | { name: 'unschedule' }
  | { name: 'post-now' }
  | { name: 'reveal-now' };

export const ADMIN_COMMANDS = new Set<Command['name']>(['schedule', 'unschedule', 'post-now', 'reveal-now']);

const WINDOW_WORD = /^(\d+h)?(\d+m)?$/i;

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const [head = '', ...rest] = trimmed.split(/\s+/).filter(Boolean);
  const word = head.toLowerCase();
  switch (word) {
    case '':
      return { name: 'practice' };
    case 'practice':
      return parsePractice(rest);
    case 'answer':
      return { name: 'answer', text: trimmed.slice(head.length).trim() };
    case 'today':
      return { name: 'today' };
    case 'streak':
      return rest[0] ? { name: 'streak', user: rest.join(' ') } : { name: 'streak' };
    case 'leaderboard':
    case 'top': {
      const board = (rest[0] ?? 'streak').toLowerCase();
      return (BOARDS as readonly string[]).includes(board)
        ? { name: 'leaderboard', board: board as Board }
        : { name: 'help', unknown: `leaderboard ${rest[0]}` };
    }
    case 'topics':
      return { name: 'topics' };
    case 'help':
      return { name: 'help' };
    case 'forget-me':
      return { name: 'forget-me' };
    case 'schedule':
      return parseSchedule(rest);
    case 'unschedule':
      return { name: 'unschedule' };
    case 'post-now':
      return { name: 'post-now' };
    case 'reveal-now':
      return { name: 'reveal-now' };
    default: {
      const practice = parsePractice([head, ...rest]);
      return practice.name === 'practice' ? practice : { name: 'help', unknown: trimmed };
    }
  }
}

/** `/quiz [topic] [difficulty]`, in either order. */
function parsePractice(words: string[]): Command {
  const command: { name: 'practice'; topic?: Topic; difficulty?: Difficulty } = { name: 'practice' };
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (isTopic(w) && !command.topic) command.topic = w;
    else if (isDifficulty(w) && !command.difficulty) command.difficulty = w;
    else return { name: 'help', unknown: words.join(' ') };
  }
  return command;
}

/** `schedule <HH:MM> <timezone> [days] [window] [topic...] [difficulty]`; order after the zone is free. */
function parseSchedule(words: string[]): Command {
  const [time, timezone, ...options] = words;
  const command: Extract<Command, { name: 'schedule' }> = { name: 'schedule', topics: [] };
  if (time) command.time = time;
  if (timezone) command.timezone = timezone;
  for (const raw of options) {
    const w = raw.toLowerCase();
    if (isTopic(w)) command.topics.push(w);
    else if (isDifficulty(w)) command.difficulty = w;
    else if (WINDOW_WORD.test(w) && /\d/.test(w)) command.window = w;
    else command.days = w;
  }
  return command;
}
