/**
 * The Markdown that hovers and completion documentation are written in, as plain text for clients
 * that show text as it is. Only what our own Markdown uses is undone: strong and emphasis markers,
 * code spans and fences, links, headings. Underscores are left alone (they are in every key name).
 */
export function markdownToPlain(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    out.push(fenced ? line : plainLine(line));
  }
  return out.join('\n');
}

/** One line outside fences: code spans keep their text as written, the rest loses its markup. */
function plainLine(line: string): string {
  const heading = line.replace(/^#{1,6}\s+/, '');
  return heading
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : plainProse(part)))
    .join('');
}

function plainProse(text: string): string {
  return (
    text
      // [text](url): the text, and the address when it says something the text does not.
      .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url || !label ? url : `${label} (${url})`))
      .replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, '$1')
      // *emphasis* only where the stars hug a word: `2 * 3` or a glob stays as written.
      .replace(/(^|[\s(])\*(\S(?:[^*]*?\S)?)\*(?=$|[\s).,:;!?])/g, '$1$2')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
  );
}
