// Content words of a name, for telling whether two names speak of the same thing: words of four
// letters or more, plural -s dropped, function words and names of places and people (capitalised
// past the first word) left out — "troops to Iraq" and "hubs across Iraq" do not share a thing.
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'that', 'this', 'into', 'over', 'their', 'its', 'any', 'all']);

export function contentWords(text: string): Set<string> {
  return new Set(
    text
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w, index) => w.length >= 4 && (index === 0 || !/^\p{Lu}/u.test(w)))
      .map((w) => w.toLowerCase())
      .filter((w) => !STOP.has(w))
      .map((w) => w.replace(/s$/, '')),
  );
}

export const shareAWord = (a: string, b: string): boolean => {
  const mine = contentWords(a);
  return [...contentWords(b)].some((w) => mine.has(w));
};
