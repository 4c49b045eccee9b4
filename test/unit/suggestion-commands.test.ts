import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.ts';

describe('parsing the suggestion commands', () => {
  it('reads suggest, suggestions, retire and export', () => {
    expect(parseCommand('suggest')).toEqual({ name: 'suggest' });
    expect(parseCommand('suggestions')).toEqual({ name: 'suggestions' });
    expect(parseCommand('retire team-4')).toEqual({ name: 'retire', id: 'team-4' });
    expect(parseCommand('export')).toEqual({ name: 'export' });
  });

  it('keeps a reject reason as typed, after the decision and the id', () => {
    expect(parseCommand('suggestions reject team-3  asked  last week, sorry')).toEqual({
      name: 'suggestions',
      decision: 'reject',
      id: 'team-3',
      reason: 'asked  last week, sorry',
    });
    expect(parseCommand('suggestions Approve team-3')).toEqual({
      name: 'suggestions',
      decision: 'approve',
      id: 'team-3',
    });
  });

  it('treats a word that is not a decision as unknown', () => {
    expect(parseCommand('suggestions delete team-3')).toMatchObject({
      name: 'help',
      unknown: 'suggestions delete team-3',
    });
  });

  it('still gives free text after nothing else its whole spacing', () => {
    expect(parseCommand('answer  take  a lock')).toEqual({ name: 'answer', text: 'take  a lock' });
  });
});
