import { describe, expect, it } from 'vitest';
import { unwrapParagraphs } from '../../src/questions/unwrap.ts';

describe('unwrapping hard-wrapped Markdown for chat', () => {
  it('joins the lines of a paragraph and keeps paragraphs apart', () => {
    expect(unwrapParagraphs('One thread fills a dict\nand sets a flag.\n\nIs that safe?')).toBe(
      'One thread fills a dict and sets a flag.\n\nIs that safe?',
    );
  });

  it('keeps list items on their own lines and joins their continuations', () => {
    expect(unwrapParagraphs('Options:\n- a lock\n  around the counter\n- a queue\n1. first\n2. second')).toBe(
      'Options:\n- a lock around the counter\n- a queue\n1. first\n2. second',
    );
  });

  it('leaves fenced code exactly as written', () => {
    const code = '```python\nx = 1\n\ny = 2\n```';
    expect(unwrapParagraphs(`Look:\n${code}\nafter`)).toBe(`Look:\n${code}\nafter`);
  });
});
