// A sentence as the drafter reads it: wink-nlp's tokens with their part of speech, lemma and
// offsets into the article (wink keeps the spaces before each token, so offsets are exact).
import type { ItemToken } from 'wink-nlp';
import { its, nlp } from '../nlp.ts';
import type { Sentence } from '../sentences.ts';

export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  /** Offsets into the article. */
  start: number;
  end: number;
  /** Inside quotation marks. */
  quoted: boolean;
}

export function tokenize(sentence: Sentence): Token[] {
  const tokens: Token[] = [];
  const doc = nlp.readDoc(sentence.text);
  let cursor = 0;
  doc.tokens().each((t: ItemToken) => {
    const text = t.out();
    const spaces = t.out(its.precedingSpaces);
    let at = cursor + spaces.length;
    // wink reproduces its input; should it ever not, find the token rather than trust a count.
    if (sentence.text.slice(at, at + text.length) !== text) at = sentence.text.indexOf(text, cursor);
    if (at < 0) return;
    cursor = at + text.length;
    if (t.out(its.type) === 'tabCRLF' || !text.trim()) return;
    tokens.push({ text, lower: text.toLowerCase(), lemma: String(t.out(its.lemma as unknown as typeof its.value)).toLowerCase(), pos: t.out(its.pos), start: sentence.start + at, end: sentence.start + at + text.length, quoted: false });
  });
  markQuoted(tokens);
  return tokens;
}

/** Marks tokens between quotation marks: “ opens, ” closes, " alternates (’ is an apostrophe too: not used). */
export function markQuoted(tokens: Token[]): void {
  let inside = false;
  for (const token of tokens) {
    if (token.text === '“' || token.text === '”' || token.text === '"') {
      inside = token.text === '"' ? !inside : token.text === '“';
      continue;
    }
    token.quoted = inside;
  }
}
