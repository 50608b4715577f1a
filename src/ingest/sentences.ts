// The one sentence splitter of the project: the validator's ledger, the source diff and the
// drafter all read a text through it.
import type { ItemSentence } from 'wink-nlp';
import { nlp } from './nlp.ts';

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/**
 * A line break always ends a sentence (headlines, bylines, list items); within a line, wink-nlp's
 * sentence detection decides, so abbreviations ("U.S.", "Mr.", "Gen.", initials such as
 * "J. D. Vance") do not end one and closing quotes stay with the sentence they close. Offsets are
 * into the original text; every sentence is trimmed.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    splitLine(line, lineStart, sentences);
    lineStart += line.length + 1;
  }
  return sentences;
}

/** Where a sentence could end inside a line: . ! or ? (with closing quotes) before more text. */
const INNER_END = /[.!?…][”’"')\]]*\s+\S/;

function splitLine(line: string, offset: number, into: Sentence[]): void {
  if (!line.trim()) return;
  // A line with no sentence end inside it is one sentence: no need to ask the tokenizer (a
  // generated dossier has tens of thousands of such lines).
  if (!INNER_END.test(line)) {
    const leading = line.length - line.trimStart().length;
    const trimmed = line.trim();
    into.push({ text: trimmed, start: offset + leading, end: offset + leading + trimmed.length });
    return;
  }
  const pieces: string[] = [];
  nlp.readDoc(line).sentences().each((s: ItemSentence) => {
    pieces.push(s.out());
  });
  let cursor = 0;
  const firstOfLine = into.length;
  const push = (from: number, to: number) => {
    const raw = line.slice(from, to);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) return;
    const start = offset + from + leading;
    const previous = into.length > firstOfLine ? into[into.length - 1] : undefined;
    // Punctuation alone (a full stop after a closing quote: `“… agreed.”.`) ends the sentence
    // before it rather than standing as a sentence of its own.
    if (previous && !/[\p{L}\p{N}]/u.test(trimmed)) {
      previous.end = start + trimmed.length;
      previous.text = line.slice(previous.start - offset, previous.end - offset);
      return;
    }
    into.push({ text: trimmed, start, end: start + trimmed.length });
  };
  for (const piece of pieces) {
    const wanted = piece.trim();
    const at = wanted ? line.indexOf(wanted, cursor) : -1;
    // wink reproduces its input verbatim; should a piece ever not be found, the rest of the line
    // is one sentence rather than a guess at offsets.
    if (at < 0) break;
    push(cursor, at + wanted.length);
    cursor = at + wanted.length;
  }
  push(cursor, line.length);
}
