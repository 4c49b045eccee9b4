import { describe, expect, it } from 'vitest';
import { allowedMentions, escapeUserText, neutralizeMentions, truncate } from '../../../src/adapters/discord/escape.ts';

describe('escaping user text', () => {
  it('stops @everyone, @here, role and user mentions from parsing', () => {
    const text = neutralizeMentions('@everyone @here <@&42> <@7>');
    expect(text).not.toMatch(/@(everyone|here)|<@&42>|<@7>/);
    expect(text).toBe('@\u200beveryone @\u200bhere <@\u200b&42> <@\u200b7>');
  });

  it('escapes markdown in names as well', () => {
    expect(escapeUserText('**bold** _it_ `code` @everyone')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` @\u200beveryone',
    );
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('allows no mentions unless users are named', () => {
    expect(allowedMentions()).toEqual({ parse: [] });
    expect(allowedMentions(['1', '2', '1'])).toEqual({ parse: [], users: ['1', '2'] });
  });
});
