/**
 * The parts of a button round's reveal that read the same on Discord and Slack: a bar per option
 * (text bars, fixed width, so they line up in a code block on a phone) and a list of names cut to
 * fit a platform's limit with "and N more". Renderers add markup and escaping around them.
 */
import type { ChoiceReveal } from '../core/views.ts';
import { andMore, optionLetter } from '../core/wording.ts';

const BAR_WIDTH = 10;

/** `█████░░░░░`: the share of `total` that `picks` is, in tenths, rounded half up, never empty for a pick. */
export function bar(picks: number, total: number): string {
  const filled = total === 0 ? 0 : Math.max(picks > 0 ? 1 : 0, Math.round((picks / total) * BAR_WIDTH));
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

/** One line per option: `A ██████░░░░  6  50% ✓`; the right option carries the tick. */
export function tallyLines(choice: ChoiceReveal): string[] {
  const widest = String(Math.max(0, ...choice.options.map((o) => o.picks))).length;
  return choice.options.map((option, i) => {
    const share = choice.total === 0 ? 0 : Math.round((option.picks / choice.total) * 100);
    const count = String(option.picks).padStart(widest);
    const percent = `${share}%`.padStart(4);
    return `${optionLetter(i)} ${bar(option.picks, choice.total)} ${count} ${percent}${i === choice.correct ? ' ✓' : ''}`;
  });
}

/**
 * `names` joined with `separator` within `max` characters: as many as fit, then "and N more".
 * Names are already escaped or turned into mentions by the renderer.
 */
export function fitNames(names: readonly string[], max: number, separator = ', '): string {
  const all = names.join(separator);
  if (all.length <= max) return all;
  const shown: string[] = [];
  let length = 0;
  for (const [i, name] of names.entries()) {
    const cost = (shown.length > 0 ? separator.length : 0) + name.length;
    const after = names.length - i - 1;
    // Each name keeps room for the "and N more" that follows it if the next one does not fit.
    const reserve = after > 0 ? separator.length + andMore(after).length : 0;
    if (length + cost + reserve > max) return [...shown, andMore(names.length - shown.length)].join(separator);
    shown.push(name);
    length += cost;
  }
  return shown.join(separator);
}

/** An output option as a code block: the exact text, with any ``` inside made harmless. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/```/g, '`\u200b``')}\n\`\`\``;
}
