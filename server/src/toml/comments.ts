/**
 * The comments of a document that contain a word, found by searching the text for the word rather
 * than testing every comment: a 10 MB file has 140 000 comments and usually no `kata-config:` but
 * in its first lines. Pure; each document's answer is kept while the document lives.
 */
import type { Comment } from './ast';
import type { TomlDocument } from './index';
import { indexOfWord } from '../textSearch';
import { lastAtOrBefore } from './incremental';

const found = new WeakMap<TomlDocument, Map<string, readonly Comment[]>>();

/** The comments whose text contains `needle`, in source order. */
export function commentsContaining(doc: TomlDocument, needle: string): readonly Comment[] {
  let byNeedle = found.get(doc);
  if (!byNeedle) found.set(doc, (byNeedle = new Map()));
  let out = byNeedle.get(needle);
  if (!out) byNeedle.set(needle, (out = search(doc, needle)));
  return out;
}

function search(doc: TomlDocument, needle: string): Comment[] {
  const comments = doc.tree.comments;
  const out: Comment[] = [];
  for (let at = indexOfWord(doc.text, needle); at >= 0; ) {
    const c = comments[lastAtOrBefore(comments, at, (comment) => comment.start)];
    if (c && at < c.end) {
      if (c.text.includes(needle)) out.push(c);
      at = indexOfWord(doc.text, needle, c.end);
    } else at = indexOfWord(doc.text, needle, at + needle.length);
  }
  return out;
}
