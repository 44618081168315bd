/**
 * The front matter of an instruction file, as VS Code and Copilot write it: a `---` block of
 * `key: value` lines at the very top. Only `applyTo` is read; the block never reaches the model.
 * A small reader instead of a YAML library, because the files in the wild are not always valid
 * YAML (to YAML, an unquoted glob that starts with `*` is an alias) and VS Code accepts them anyway.
 */

export interface InstructionText {
  /** The `applyTo` globs as written (comma-separated), absent when the file has none or it is empty. */
  applyTo?: string;
  /** The text after the front matter. */
  body: string;
}

const delimiter = /^---[ \t]*$/;

/** An unquoted value ends where a YAML comment starts (` #`); a quoted one is what the quotes hold. */
function scalarValue(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      return value.slice(1, end);
    }
  }
  const comment = value.search(/\s#/);
  return (comment < 0 ? value : value.slice(0, comment)).trim();
}

/** Splits `text` (lines ending in `\n`) into its front matter's `applyTo` and the body after it. */
export function parseFrontMatter(text: string): InstructionText {
  const lines = text.split('\n');
  if (lines.length < 2 || !delimiter.test(lines[0] ?? '')) {
    return { body: text };
  }
  const end = lines.findIndex((line, index) => index > 0 && delimiter.test(line));
  if (end < 0) {
    // No closing line: a horizontal rule opening the text, not front matter.
    return { body: text };
  }
  let applyTo: string | undefined;
  for (const line of lines.slice(1, end)) {
    const match = /^applyTo[ \t]*:(.*)$/.exec(line);
    if (match !== null) {
      const value = scalarValue(match[1] ?? '');
      applyTo = value === '' ? undefined : value;
    }
  }
  const body = lines.slice(end + 1).join('\n');
  return applyTo === undefined ? { body } : { applyTo, body };
}
