import type { SlackMessage } from '../../../src/adapters/slack/blocks.ts';

/** What each block of a Slack message shows, in order: a header's, section's or context's text, an actions block's button labels. */
export function blockTexts(message: Pick<SlackMessage, 'blocks'>): string[] {
  return message.blocks.map((block) => {
    const b = block as {
      type: string;
      text?: { text: string };
      elements?: { text?: string | { text: string } }[];
    };
    if (b.type === 'context')
      return (b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : '')).join(' ');
    if (b.type === 'actions')
      return `[${(b.elements ?? []).map((e) => (typeof e.text === 'object' ? e.text.text : '')).join('|')}]`;
    if (b.type === 'divider') return '---';
    return b.text?.text ?? '';
  });
}
