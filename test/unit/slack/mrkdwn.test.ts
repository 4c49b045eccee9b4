import { describe, expect, it } from 'vitest';
import { fitEscaped } from '../../../src/adapters/slack/blocks.ts';
import { escapeMrkdwn, formatRemaining, slackDate, unescapeSlackText } from '../../../src/adapters/slack/mrkdwn.ts';

describe('slack mrkdwn', () => {
  it('escapes the three control characters, ampersand first', () => {
    expect(escapeMrkdwn('<!channel> & <@U1|x> &lt;')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt; &amp;lt;');
  });

  it('reads entities back to characters, and escaping round-trips', () => {
    const text = 'a < b && c > d &lt; literally';
    expect(unescapeSlackText(escapeMrkdwn(text))).toBe(text);
  });

  it('fits escaped text in a limit without cutting an entity in half', () => {
    const fitted = fitEscaped('<'.repeat(100), 50);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted).toMatch(/^(&lt;)+…$/);
  });

  it('writes a date token with a fallback in the given timezone', () => {
    expect(slackDate(Date.UTC(2026, 10, 23, 14, 30), 'Asia/Tokyo')).toBe(
      '<!date^1795444200^{date_short_pretty} at {time}|Mon 23 Nov, 23:30 Asia/Tokyo>',
    );
  });

  it('writes short durations', () => {
    expect(formatRemaining(0)).toBe('now');
    expect(formatRemaining(61_000)).toBe('2 min');
    expect(formatRemaining(200 * 60_000)).toBe('3 h 20 min');
  });
});
