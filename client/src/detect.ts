/** A `[hypervisor.<name>]` table header on a line of its own marks a Kata config. No vscode import: unit-tested. */
const HYPERVISOR_HEADER = /^[ \t]*\[[ \t]*hypervisor[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\]/m;

export function looksLikeKataConfig(text: string): boolean {
  return HYPERVISOR_HEADER.test(text);
}
