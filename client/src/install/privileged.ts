/**
 * Commands to run as root when the extension itself is not allowed to write: each one an argv list
 * (for `execFile`, `pkexec` or a terminal), never a shell string assembled from file names, plus a
 * shell-quoted rendering for display. No `vscode` import.
 */

export interface PrivilegedCommand {
  /** The program and its arguments, to run with root rights (prefix `sudo` / `pkexec` yourself). */
  argv: string[];
  /** The same command shell-quoted for display or pasting, without `sudo`. */
  display: string;
  /** What it does, for humans. */
  why: string;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell: unchanged when safe, else single-quoted ('\'' for quotes). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function command(argv: string[], why: string): PrivilegedCommand {
  return { argv, display: argv.map(shellQuote).join(' '), why };
}

/**
 * A display/paste rendering of commands for a terminal: one `sudo <command>` per line, joined with
 * `&&` so it stops at the first failure. `prefix` may be `''` (already root) or `pkexec`.
 */
export function renderCommands(commands: readonly PrivilegedCommand[], prefix = 'sudo'): string {
  const p = prefix ? `${prefix} ` : '';
  return commands.map((c) => p + c.display).join(' && \\\n  ');
}
