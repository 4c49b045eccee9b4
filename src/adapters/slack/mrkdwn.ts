/**
 * Slack's text conventions in one place: escaping what users wrote before it is quoted back,
 * reading the escaped text Slack sends, and dates that Slack shows in each reader's own timezone.
 */

/**
 * Escapes the three characters Slack treats as markup. Without this, a name or an unknown command
 * word such as `<!channel>`, `<!here>` or `<!subteam^S123>` would ping everyone when quoted back.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends `&`, `<`, `>` typed by users as entities; the core wants the characters. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Cuts text to Slack's field limits (3000 for a section, 150 for a header) without losing the hint that it was cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const fallbackFormats = new Map<string, Intl.DateTimeFormat>();

function fallbackFormat(timezone: string): Intl.DateTimeFormat {
  let format = fallbackFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fallbackFormats.set(timezone, format);
  }
  return format;
}

/**
 * A `<!date>` token: Slack renders it in the reader's timezone ("today at 9:30 AM"); clients that
 * cannot, and notifications, show the fallback written in the channel's timezone.
 */
export function slackDate(at: number, timezone: string): string {
  const fallback = `${fallbackFormat(timezone).format(at)} ${timezone}`.replace(/[|<>]/g, '');
  return `<!date^${Math.floor(at / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

/** "3 h 20 min", "12 min": a duration short enough for a context line. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
