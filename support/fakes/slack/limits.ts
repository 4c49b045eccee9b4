/**
 * Slack's documented message limits, checked as Slack checks them: a message over any of them is
 * refused whole, `invalid_blocks` for its blocks and `msg_too_long` for its `text`, so no test can
 * pass with a message that production would refuse. Used on postMessage, update, postEphemeral,
 * response_url and views.
 */

export const SLACK_LIMITS = {
  text: 40_000,
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
} as const;

export type SlackLimitError = 'invalid_blocks' | 'msg_too_long';

/** Why Slack refuses it, and the block it chokes on. */
export interface SlackViolation {
  error: SlackLimitError;
  detail: string;
}

interface TextObject {
  text?: unknown;
}

interface BlockLike {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: ({ type?: string; action_id?: unknown; value?: unknown } & TextObject & { text?: unknown })[];
  accessory?: { action_id?: unknown; value?: unknown; text?: TextObject };
}

const length = (text: unknown): number => (typeof text === 'string' ? text.length : 0);

/** A JSON-encoded field (as the WebClient form-encodes blocks) or the value itself. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function buttonViolation(element: BlockLike['accessory'], at: string): string | undefined {
  if (!element) return undefined;
  const label = element.text?.text;
  if (length(label) > SLACK_LIMITS.buttonText) return `${at}: button text over ${SLACK_LIMITS.buttonText}`;
  if (length(element.action_id) > SLACK_LIMITS.actionId) return `${at}: action_id over ${SLACK_LIMITS.actionId}`;
  if (length(element.value) > SLACK_LIMITS.buttonValue) return `${at}: value over ${SLACK_LIMITS.buttonValue}`;
  return undefined;
}

function blockViolation(block: BlockLike, at: string): string | undefined {
  switch (block.type) {
    case 'section': {
      if (length(block.text?.text) > SLACK_LIMITS.sectionText)
        return `${at}: section text over ${SLACK_LIMITS.sectionText}`;
      const fields = block.fields ?? [];
      if (fields.length > SLACK_LIMITS.sectionFields) return `${at}: more than ${SLACK_LIMITS.sectionFields} fields`;
      const long = fields.findIndex((f) => length(f.text) > SLACK_LIMITS.fieldText);
      if (long >= 0) return `${at}.fields[${long}]: over ${SLACK_LIMITS.fieldText}`;
      return buttonViolation(block.accessory, `${at}.accessory`);
    }
    case 'header':
      return length(block.text?.text) > SLACK_LIMITS.headerText
        ? `${at}: header text over ${SLACK_LIMITS.headerText}`
        : undefined;
    case 'context':
      return (block.elements?.length ?? 0) > SLACK_LIMITS.contextElements
        ? `${at}: more than ${SLACK_LIMITS.contextElements} context elements`
        : undefined;
    case 'actions':
      for (const [i, element] of (block.elements ?? []).entries()) {
        const wrong = buttonViolation(element as BlockLike['accessory'], `${at}.elements[${i}]`);
        if (wrong) return wrong;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** What Slack would refuse in a list of blocks; `surface` decides how many it takes. */
export function blocksViolation(
  rawBlocks: unknown,
  surface: 'message' | 'modal' = 'message',
): SlackViolation | undefined {
  const blocks = decoded(rawBlocks);
  if (!Array.isArray(blocks)) return undefined;
  const max = surface === 'modal' ? SLACK_LIMITS.modalBlocks : SLACK_LIMITS.messageBlocks;
  if (blocks.length > max) return { error: 'invalid_blocks', detail: `${blocks.length} blocks, more than ${max}` };
  for (const [i, block] of (blocks as BlockLike[]).entries()) {
    const detail = blockViolation(block, `blocks[${i}]`);
    if (detail) return { error: 'invalid_blocks', detail };
  }
  return undefined;
}

/** What Slack would refuse in a message (its `text` and `blocks`), or undefined when it takes it. */
export function messageViolation(args: Record<string, unknown>): SlackViolation | undefined {
  if (length(args.text) > SLACK_LIMITS.text)
    return { error: 'msg_too_long', detail: `text of ${length(args.text)}, more than ${SLACK_LIMITS.text}` };
  return blocksViolation(args.blocks);
}

/** What Slack would refuse in a `views.*` call's view: modals take 100 blocks, Home tabs 100 too. */
export function viewViolation(args: Record<string, unknown>): SlackViolation | undefined {
  const view = decoded(args.view) as { type?: string; blocks?: unknown } | undefined;
  return view ? blocksViolation(view.blocks, 'modal') : undefined;
}
