/**
 * Where a word occurs in a long text, fast. Measured here, V8's indexOf of `kata-config:` checks
 * about 2.5 characters per nanosecond (4 ms for a 10 MB file); of two characters it runs near
 * memchr speed (0.5 ms). So the search looks for the word's last two characters and checks the rest
 * where they occur: as fast when they are rare, still linear when they are not. Pure, no imports
 * (the extension's light detection bundles it).
 */
export function indexOfWord(text: string, word: string, from = 0): number {
  if (word.length < 3) return text.indexOf(word, from);
  const tail = word.slice(-2);
  const lead = word.length - 2;
  for (let at = text.indexOf(tail, from + lead); at >= 0; at = text.indexOf(tail, at + 1)) {
    if (text.startsWith(word, at - lead)) return at - lead;
  }
  return -1;
}
