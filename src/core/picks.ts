/**
 * Picks on a round's button question: one per person per round, changeable until the reveal and
 * counted once (the store's recordPick decides atomically). The caller stamps when the click arrived,
 * so a pick replayed after an outage is judged on time as it was made.
 */
import type { PickRequest } from '../ports/chat.ts';
import type { Store } from '../ports/store.ts';
import type { QuestionLookup } from './team-bank.ts';
import type { RefusalCode, Reply } from './views.ts';
import { NO_OPTIONS, noSuchOption, PICK_FORGOTTEN, TOO_LATE_TO_PICK } from './wording.ts';
import { monthKey } from './zoned-time.ts';

function refuse(code: RefusalCode, message: string): Reply {
  return { visibility: 'private', kind: 'refusal', code, message };
}

export async function recordRoundPick(
  deps: { store: Store; questions: QuestionLookup },
  request: PickRequest,
  receivedAt: number,
): Promise<Reply> {
  const { store, questions } = deps;
  const round = await store.getRound(request.channel, request.roundId);
  // An unknown round is one that expired long after its reveal: too late either way.
  if (round?.state !== 'open' || receivedAt >= round.revealAt) return refuse('too-late', TOO_LATE_TO_PICK);
  const options = (await questions.find(round.questionId))?.options ?? [];
  if (options.length === 0) return refuse('no-such-option', NO_OPTIONS);
  // A fraction or a negative indexes no option either (quiz.ts turns those away before they queue).
  if (options[request.option] === undefined) return refuse('no-such-option', noSuchOption(options.length));
  const outcome = await store.recordPick(request.channel, round.id, {
    userId: request.caller.id,
    userName: request.caller.name,
    option: request.option,
    at: receivedAt,
    monthKey: monthKey(receivedAt, round.timezone),
  });
  if (outcome === 'closed') return refuse('too-late', TOO_LATE_TO_PICK);
  if (outcome === 'forgotten') return refuse('too-late', PICK_FORGOTTEN);
  return {
    visibility: 'private',
    kind: 'picked',
    roundId: round.id,
    option: request.option,
    changed: outcome === 'changed',
    revealAt: round.revealAt,
  };
}
