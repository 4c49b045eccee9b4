/**
 * Reads English the way key-point matching needs it: sentences of words, each with its lemma and
 * whether it sits inside a negated clause. wink-nlp (with its bundled English model, loaded once,
 * nothing fetched at run time) does the reading; this module only prepares code identifiers for it
 * and narrows negation scope to the clause, so the rest of the core never touches the library.
 */
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemSentence, type ItemToken } from 'wink-nlp';

/** One unit of meaning: `key` is what terms compare on, `negated` says a negation governs it. */
export interface Word {
  key: string;
  /** The lower-cased surface form, compared too so that `processes` in code still meets `processes`. */
  text: string;
  negated: boolean;
}

export type Sentence = Word[];

/** Every negation word compares as `not`, so a term's "not atomic" also meets "never atomic", "isn't atomic". */
export const NOT = 'not';
const NEGATORS = new Set(['not', 'never', 'no', "n't", 'nothing', 'nobody', 'none', 'nowhere']);

/**
 * Negative quantifiers deny what follows ("nothing flows back") but wink does not scope them, so
 * this module does, to the end of the clause.
 */
const QUANTIFIER_NEGATORS = new Set(['nothing', 'nobody', 'nowhere']);

/**
 * Negations that wink scopes but that state a condition, not a denial: "runs without the GIL" is a
 * claim about the build, and "you need a lock" is no less true in "without a lock it races".
 */
const CONDITIONAL_NEGATORS = new Set(['without']);

/** Words that open a new clause, ending a negation's reach: "it doesn't copy because it is cheap". */
const CLAUSE_OPENERS = new Set([
  'because',
  'since',
  'while',
  'whereas',
  'although',
  'though',
  'so',
  'which',
  'when',
  'whenever',
  'if',
  'unless',
  'until',
  'then',
  'instead',
  'rather',
  'but',
  'however',
]);

/** Lemmas that would merge distinct things: the `threading` module is not a `thread`. */
const KEEP_SURFACE = new Set(['threading']);

/**
 * A code identifier: dotted names, names with `_`, names called with `(`, dotted numbers. wink
 * would split `asyncio.run` into two sentences and `to_thread` into three tokens, and would read
 * `cancelled()` as the verb `cancel`, so these are masked before it reads and compared literally.
 */
const IDENTIFIER = /(?:\b\p{L}\.){2,}|[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*/gu;
const VERSION = /^\d+(?:\.\d+)+[a-z]?$/;

/**
 * A dot glued to a following name after a bracket or at a word's start is code, never a full stop:
 * `.result()`, `copy_context().run`. wink would end the sentence there, so it becomes a space.
 */
const CODE_DOT = /(^|[\s([)\]])\.(?=[\p{L}_])/gu;

/** wink reads `I/O.` as `I`, `/`, and the abbreviation `O.`, which swallows the full stop. */
const IO = /(?<![\p{L}\p{N}_/])i\/o(?![\p{L}\p{N}_/])/giu;

let nlp: ReturnType<typeof winkNLP> | undefined;

function reader(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return nlp;
}

/** `aa`, `ab`, …: placeholders wink reads as one ordinary word and never lemmatises away. */
function placeholder(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return `qzx${s}`;
}

/** The words a code identifier compares as: `asyncio.to_thread` → asyncio, to_thread; `3.14` stays whole. */
function codeWords(code: string): string[] {
  const lower = code.toLowerCase();
  if (VERSION.test(lower)) return [lower];
  // "e.g." and "i.e." are masked with their last dot so wink does not end a sentence there.
  if (/^(?:\p{L}\.){2,}$/u.test(lower)) return [lower.replaceAll('.', '')];
  return lower.split('.').filter(Boolean);
}

function maskCode(text: string): { masked: string; codes: Map<string, string[]> } {
  const codes = new Map<string, string[]>();
  const unglued = text.replace(CODE_DOT, '$1 ').replace(IO, () => {
    const name = placeholder(codes.size);
    // `io` so that "IO-bound" and "I/O-bound" meet.
    codes.set(name, ['io']);
    return name;
  });
  const masked = unglued.replace(IDENTIFIER, (match: string, offset: number) => {
    const isCall = unglued[offset + match.length] === '(';
    if (codes.has(match) || (!isCall && !match.includes('_') && !match.includes('.'))) return match;
    const name = placeholder(codes.size);
    codes.set(name, codeWords(match));
    return name;
  });
  return { masked, codes };
}

/**
 * Paragraphs and list items are separate sentences even without a full stop; other line breaks
 * are soft wraps. wink itself reads a newline as a space.
 */
function blocks(text: string): string[] {
  // A Windows line end needs no step of its own: `\r` is whitespace to every pattern here and to trim.
  return text
    .split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

interface Token {
  text: string;
  lemma: string;
  type: string;
  pos: string;
  negated: boolean;
}

/** Punctuation that closes a clause; wink stops a negation at a comma but reads on past these. */
const CLAUSE_PUNCTUATION = /^(?:[:;()[\]—–]|--)$/;

/**
 * wink negates from the negation word to the next comma, negation or sentence end. Stop earlier
 * at a new clause (a colon or dash, a subordinating word, or `and`/`or` before a verb or pronoun,
 * as in "doesn't spin and releases the lock"), and drop conditional negations such as "without".
 */
function scopeQuantifiers(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!QUANTIFIER_NEGATORS.has(tokens[i]!.lemma.toLowerCase()) || tokens[i]!.negated) continue;
    for (let j = i + 1; j < tokens.length && !tokens[j]!.negated; j++) {
      const t = tokens[j]!;
      if (t.type === 'punctuation') {
        if (t.text !== '-') break;
        continue;
      }
      if (CLAUSE_OPENERS.has(t.lemma) || t.lemma === 'and' || t.lemma === 'or') break;
      t.negated = true;
    }
  }
}

/** Relative pronouns: a negation after one stays inside the relative clause it opens. */
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who', 'whom']);

function isNegator(t: Token): boolean {
  return NEGATORS.has(t.text.toLowerCase()) || NEGATORS.has(t.lemma.toLowerCase());
}

/**
 * A verb starts here. wink tags some verbs as nouns after a noun ("support re-enables the GIL",
 * "computation with no await blocks the loop"); a noun directly followed by a determiner is one.
 */
function isVerbAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.pos === 'VERB' || t.pos === 'AUX') return tokens[i - 1]?.lemma !== 'to';
  return t.pos === 'NOUN' && tokens[i + 1]?.pos === 'DET';
}

/** Clears a scope from `start` up to the next negation word, which opens a scope of its own. */
function endScopeAt(tokens: Token[], start: number): void {
  for (let j = start; j < tokens.length && !isNegator(tokens[j]!); j++) {
    if (!tokens[j]!.negated && tokens[j]!.type !== 'punctuation') break;
    tokens[j]!.negated = false;
  }
}

/**
 * True when the negation word at `i` sits in a relative clause on the subject ("an extension that
 * doesn't …", "coroutines that were never awaited …"), the one kind the main verb follows. A verb
 * before the pronoun means the clause hangs off an object and runs to the end of the sentence.
 */
function inSubjectRelativeClause(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  for (; j >= 0; j--) {
    const t = tokens[j]!;
    const word = t.text.toLowerCase();
    if (RELATIVE_PRONOUNS.has(word)) {
      // After a comma the clause is parenthetical and a comma closes it, as wink already does.
      if ((t.pos !== 'PRON' && word === 'that') || tokens[j - 1]?.type === 'punctuation') return false;
      break;
    }
    if (t.type === 'punctuation' || t.pos === 'VERB' || t.pos === 'SCONJ' || t.pos === 'CCONJ') return false;
  }
  for (let k = j - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.pos === 'VERB' || t.pos === 'AUX') return false;
    if (t.pos === 'SCONJ' || CLAUSE_OPENERS.has(t.lemma) || /^[;:.]$/.test(t.text)) break;
  }
  return j >= 0;
}

/**
 * wink carries a negation on to the sentence's end, past the clause it belongs to. Two clauses
 * end sooner. A relative clause ends before the main verb: "an extension that doesn't declare
 * support re-enables the GIL" does not deny the re-enabling. And "no" after a preposition
 * negates its noun phrase only: "a computation with no await blocks the loop" says it blocks.
 */
function scopeEmbeddedNegation(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNegator(t) || !tokens[i + 1]?.negated) continue;
    if (t.lemma.toLowerCase() === 'no' && tokens[i - 1]?.pos === 'ADP') {
      let end = i + 2;
      while (end < tokens.length && /^(?:NOUN|PROPN|ADJ|NUM)$/.test(tokens[end]!.pos) && !isVerbAt(tokens, end)) end++;
      endScopeAt(tokens, end);
    } else if (inSubjectRelativeClause(tokens, i)) {
      let head = i + 1;
      while (head < tokens.length && /^(?:AUX|PART|ADV)$/.test(tokens[head]!.pos)) head++;
      let end = head + 1;
      while (end < tokens.length && tokens[end]!.negated && !isVerbAt(tokens, end)) end++;
      if (end < tokens.length && tokens[end]!.negated) endScopeAt(tokens, end);
    }
  }
}

function narrowNegation(tokens: Token[]): void {
  // wink leaves punctuation unflagged inside a scope, so a scope runs on across it.
  const clearFrom = (start: number) => {
    for (let j = start; j < tokens.length && (tokens[j]!.negated || tokens[j]!.type === 'punctuation'); j++) {
      tokens[j]!.negated = false;
    }
  };
  let inScope = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'punctuation') {
      if (inScope && CLAUSE_PUNCTUATION.test(t.text)) {
        clearFrom(i + 1);
        inScope = false;
      }
      continue;
    }
    if (!t.negated) {
      inScope = false;
      continue;
    }
    if (!inScope) {
      inScope = true;
      if (CONDITIONAL_NEGATORS.has(tokens[i - 1]?.lemma ?? '')) {
        clearFrom(i);
        inScope = false;
        continue;
      }
    }
    const next = tokens[i + 1];
    const opensClause =
      CLAUSE_OPENERS.has(t.lemma) ||
      ((t.lemma === 'and' || t.lemma === 'or') && next !== undefined && /^(?:VERB|AUX|PRON)$/.test(next.pos));
    if (opensClause) {
      clearFrom(i);
      inScope = false;
    }
  }
}

function toWords(tokens: Token[], codes: Map<string, string[]>): Sentence {
  const sentence: Sentence = [];
  for (const t of tokens) {
    const code = codes.get(t.text);
    if (code) {
      for (const piece of code) sentence.push({ key: piece, text: piece, negated: t.negated });
      continue;
    }
    if (t.type !== 'word' && t.type !== 'number') continue;
    const text = t.text.toLowerCase();
    const lemma = t.lemma.toLowerCase();
    const key = NEGATORS.has(lemma) || NEGATORS.has(text) ? NOT : KEEP_SURFACE.has(text) ? text : lemma;
    sentence.push({ key, text, negated: t.negated });
  }
  return sentence;
}

/** Reads `text` into sentences of words; punctuation is dropped, code identifiers kept whole. */
export function readSentences(text: string): Sentence[] {
  const its = reader().its;
  // wink's typings give `its.lemma` an addons parameter that `out()` does not declare; it works at run time.
  const lemmaOf = its.lemma as unknown as typeof its.type;
  const sentences: Sentence[] = [];
  for (const block of blocks(text)) {
    const { masked, codes } = maskCode(block);
    const doc = reader().readDoc(masked);
    doc.sentences().each((s: ItemSentence) => {
      const tokens: Token[] = [];
      s.tokens().each((tok: ItemToken) => {
        tokens.push({
          text: tok.out(),
          // wink has no lemma for some shouted contractions ("DOESNT."): the word itself stands in.
          lemma: tok.out(lemmaOf) ?? tok.out(),
          type: tok.out(its.type),
          pos: tok.out(its.pos),
          negated: Boolean(tok.out(its.negationFlag)),
        });
      });
      scopeEmbeddedNegation(tokens);
      narrowNegation(tokens);
      scopeQuantifiers(tokens);
      // A sentence of punctuation alone stays as an empty one: no term's words can run inside it.
      sentences.push(toWords(tokens, codes));
    });
  }
  return sentences;
}
