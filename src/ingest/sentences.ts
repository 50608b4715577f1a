// Splits a source text into sentences for the coverage ledger: a sentence ends at . ! or ?
// (with any closing quotes) followed by white space, or at a line break.

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const SENTENCE_END = /[.!?][”’"')\]]*(?=\s)|\n/g;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let cursor = 0;
  const push = (end: number) => {
    const raw = text.slice(cursor, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, start: cursor + leading, end: cursor + leading + trimmed.length });
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(end);
    cursor = end;
  }
  push(text.length);
  return sentences;
}
