import { describe, expect, it } from 'vitest';
import { blocksViolation, messageViolation, viewViolation } from '../../../support/fakes/slack/limits.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const actions = (text: string, actionId: string, value: string) => ({
  type: 'actions',
  elements: [{ type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value }],
});
const errorOf = (blocks: unknown[]) => blocksViolation(blocks)?.error;

describe('the fake Slack’s message limits', () => {
  it('takes a message at every limit', () => {
    expect(
      messageViolation({
        text: 't'.repeat(40_000),
        blocks: [
          section('s'.repeat(3000)),
          { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
          { type: 'context', elements: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'c' })) },
          actions('b'.repeat(75), 'a'.repeat(255), 'v'.repeat(2000)),
          ...Array.from({ length: 46 }, () => section('x')),
        ],
      }),
    ).toBeUndefined();
  });

  it('refuses text over 40,000 characters as msg_too_long', () => {
    expect(messageViolation({ text: 't'.repeat(40_001) })?.error).toBe('msg_too_long');
  });

  it('refuses more than 50 blocks in a message, 100 in a modal', () => {
    expect(errorOf(Array.from({ length: 51 }, () => section('x')))).toBe('invalid_blocks');
    expect(viewViolation({ view: { type: 'modal', blocks: Array.from({ length: 100 }, () => section('x')) } })).toBe(
      undefined,
    );
    expect(
      viewViolation({
        view: JSON.stringify({ type: 'modal', blocks: Array.from({ length: 101 }, () => section('x')) }),
      })?.error,
    ).toBe('invalid_blocks');
  });

  it('refuses each block over its limit as invalid_blocks', () => {
    expect(errorOf([section('s'.repeat(3001))])).toBe('invalid_blocks');
    expect(
      errorOf([{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }]),
    ).toBe('invalid_blocks');
    expect(errorOf([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }])).toBe('invalid_blocks');
    expect(errorOf([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toBe('invalid_blocks');
    expect(
      errorOf([{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }]),
    ).toBe('invalid_blocks');
    expect(errorOf([actions('b'.repeat(76), 'a', 'v')])).toBe('invalid_blocks');
    expect(errorOf([actions('b', 'a'.repeat(256), 'v')])).toBe('invalid_blocks');
    expect(errorOf([actions('b', 'a', 'v'.repeat(2001))])).toBe('invalid_blocks');
  });

  it('reads blocks the WebClient form-encoded as JSON', () => {
    expect(messageViolation({ blocks: JSON.stringify([section('s'.repeat(3001))]) })?.error).toBe('invalid_blocks');
  });
});
