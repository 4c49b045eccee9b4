/** The behaviour every store must have for questions written by the team; run on memory and Redis. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/ports/store.ts';
import { FORMER_MEMBER, type NewSuggestion, type SuggestedQuestion } from '../../src/ports/suggestion-store.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0);

const question: SuggestedQuestion = {
  title: 'Why our worker pool stalls',
  format: 'free',
  topics: ['patterns'],
  difficulty: 'medium',
  keyPoints: [{ label: 'It waits on a full queue', terms: ['full queue + waits'] }],
  references: ['https://docs.python.org/3/library/concurrency.html'],
  prompt: 'Why does it stall?',
  modelAnswer: 'The producer waits on a full queue.',
};

function suggestion(space: string, author: string, overrides: Partial<NewSuggestion> = {}): NewSuggestion {
  return {
    space,
    authorKey: `discord:${author}`,
    authorName: author.toUpperCase(),
    submittedAt: T0,
    question,
    ...overrides,
  };
}

export function describeSuggestionStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store: suggestions`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('hands out team-<n> ids that never repeat, across spaces', async () => {
      const a = await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      const b = await store.addSuggestion(suggestion('discord:G2', 'bob'), 3);
      expect(a).toEqual({ status: 'added', id: 'team-1' });
      expect(b).toEqual({ status: 'added', id: 'team-2' });
      expect(await store.getSuggestion('team-1')).toEqual({
        id: 'team-1',
        space: 'discord:G1',
        authorKey: 'discord:ann',
        authorName: 'ANN',
        submittedAt: T0,
        status: 'pending',
        question,
      });
      expect(await store.getSuggestion('team-9')).toBeNull();
    });

    it('lists only the space asked for, in the status asked for, oldest first', async () => {
      await store.addSuggestion(suggestion('slack:T1', 'ann'), 3);
      await store.addSuggestion(suggestion('slack:T2', 'ann'), 3);
      await store.addSuggestion(suggestion('slack:T1', 'bob'), 3);
      await store.changeSuggestion('slack:T1', 'team-1', 'approved', T0 + 1);
      expect((await store.listSuggestions('slack:T1', 'pending')).map((s) => s.id)).toEqual(['team-3']);
      expect((await store.listSuggestions('slack:T1', 'approved')).map((s) => s.id)).toEqual(['team-1']);
      expect((await store.listSuggestions('slack:T2', 'pending')).map((s) => s.id)).toEqual(['team-2']);
      expect(await store.listSuggestions('slack:T3', 'pending')).toEqual([]);
    });

    it('refuses a suggestion past the per-person pending limit, per space, and counts decided ones out', async () => {
      for (let i = 0; i < 2; i++)
        expect((await store.addSuggestion(suggestion('discord:G1', 'ann'), 2)).status).toBe('added');
      expect(await store.addSuggestion(suggestion('discord:G1', 'ann'), 2)).toEqual({ status: 'limit', pending: 2 });
      expect((await store.addSuggestion(suggestion('discord:G2', 'ann'), 2)).status).toBe('added');
      expect((await store.addSuggestion(suggestion('discord:G1', 'bob'), 2)).status).toBe('added');
      await store.changeSuggestion('discord:G1', 'team-1', 'rejected', T0 + 1, 'too vague');
      expect((await store.addSuggestion(suggestion('discord:G1', 'ann'), 2)).status).toBe('added');
    });

    it('lets only one of two submissions at once pass the last free place', async () => {
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 2);
      const both = await Promise.all([
        store.addSuggestion(suggestion('discord:G1', 'ann'), 2),
        store.addSuggestion(suggestion('discord:G1', 'ann'), 2),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual(['added', 'limit']);
    });

    it('decides a pending suggestion once, keeps the reason, and retires only approved ones', async () => {
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      await store.addSuggestion(suggestion('discord:G1', 'bob'), 3);
      const rejected = await store.changeSuggestion('discord:G1', 'team-2', 'rejected', T0 + 5, 'off topic');
      expect(rejected).toMatchObject({
        status: 'changed',
        suggestion: { status: 'rejected', reason: 'off topic', decidedAt: T0 + 5 },
      });
      expect((await store.changeSuggestion('discord:G1', 'team-2', 'approved', T0 + 6)).status).toBe('wrong-status');
      expect((await store.changeSuggestion('discord:G1', 'team-1', 'retired', T0 + 6)).status).toBe('wrong-status');
      expect((await store.changeSuggestion('discord:G1', 'team-1', 'approved', T0 + 7)).status).toBe('changed');
      expect((await store.changeSuggestion('discord:G1', 'team-1', 'rejected', T0 + 8)).status).toBe('wrong-status');
      const retired = await store.changeSuggestion('discord:G1', 'team-1', 'retired', T0 + 9);
      expect(retired).toMatchObject({ status: 'changed', suggestion: { status: 'retired' } });
      expect(await store.getSuggestion('team-1')).toMatchObject({ status: 'retired', question });
    });

    it('records when a suggestion was decided, and no reason when none was given', async () => {
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      await store.changeSuggestion('discord:G1', 'team-1', 'approved', T0 + 5);
      expect(await store.getSuggestion('team-1')).toStrictEqual({
        id: 'team-1',
        space: 'discord:G1',
        authorKey: 'discord:ann',
        authorName: 'ANN',
        submittedAt: T0,
        status: 'approved',
        question,
        decidedAt: T0 + 5,
      });
    });

    it('does not find another space’s suggestion to decide or retire', async () => {
      await store.addSuggestion(suggestion('slack:T1', 'ann'), 3);
      expect(await store.changeSuggestion('slack:T2', 'team-1', 'approved', T0)).toEqual({ status: 'not-found' });
      expect(await store.changeSuggestion('slack:T2', 'nope', 'approved', T0)).toEqual({ status: 'not-found' });
      expect((await store.getSuggestion('team-1'))?.status).toBe('pending');
    });

    it('decides once when two admins press at the same time', async () => {
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      const both = await Promise.all([
        store.changeSuggestion('discord:G1', 'team-1', 'approved', T0),
        store.changeSuggestion('discord:G1', 'team-1', 'rejected', T0),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual(['changed', 'wrong-status']);
    });

    it('forget-me deletes pending and rejected suggestions and shows approved ones as a former member’s', async () => {
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      await store.addSuggestion(suggestion('discord:G1', 'ann'), 3);
      await store.addSuggestion(suggestion('discord:G2', 'ann'), 3);
      await store.addSuggestion(suggestion('discord:G1', 'bob'), 3);
      await store.changeSuggestion('discord:G1', 'team-1', 'approved', T0);
      await store.changeSuggestion('discord:G2', 'team-3', 'rejected', T0);
      await store.forgetSuggestionAuthor('discord:ann');
      expect(await store.getSuggestion('team-1')).toMatchObject({
        status: 'approved',
        authorName: FORMER_MEMBER,
        authorKey: '',
      });
      expect(await store.getSuggestion('team-2')).toBeNull();
      expect(await store.getSuggestion('team-3')).toBeNull();
      expect(await store.getSuggestion('team-4')).toMatchObject({ authorName: 'BOB', status: 'pending' });
      expect((await store.listSuggestions('discord:G1', 'pending')).map((s) => s.id)).toEqual(['team-4']);
      expect((await store.listSuggestions('discord:G1', 'approved')).map((s) => s.id)).toEqual(['team-1']);
      // Nothing pending is left to count against the limit.
      expect((await store.addSuggestion(suggestion('discord:G1', 'ann'), 1)).status).toBe('added');
    });
  });
}
