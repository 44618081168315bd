/**
 * Lines of a code block that stand for code the model left out — `// ... existing code ...`,
 * `# ... rest of the file unchanged ...`, `/* … *\/`, `<!-- ... -->`, `// rest of code remains
 * the same` — as Cursor, Copilot and Continue prompt their models to write them.
 *
 * A marker is a whole line: a comment (`//`, `#`, `--`, `;`, `/* *\/`, `<!-- -->`, JSX's
 * `{/* *\/}`) whose text is an ellipsis, or an elision phrase ("existing", "unchanged", "rest
 * of", "remains the same", …), made only of the words such notes use; or a line that starts with
 * an ellipsis and a space and holds only such words (`... existing code ...`). Any other word
 * makes it a real comment (`// ... then retry`, `// existing users`), and a spread (`...args`,
 * `...rest`) has no space after its dots.
 *
 * A line that is only an ellipsis is code in two languages: Python's `...` (the body of a
 * function left empty on purpose, `def f():` then `...`) and C's variadic parameter (`int a,` then `...`). It is taken for
 * code when the line before it opens a suite or continues a list (ends with `:`, `,` or `(`),
 * and for a marker otherwise — in JavaScript, Go or Java a lone `...` is not valid code, and
 * models write it between statements. YAML's document end (`...`) is left to this rule too: a
 * YAML block rarely ends a document mid-answer, and a wrong guess shows in the diff review.
 */

const ellipsis = /\.{3,}|…+/g;

/** Comment forms, the text between opener and closer captured. */
const commentForms: readonly RegExp[] = [/^\{\/\*(.*)\*\/\}$/, /^\/\*+(.*?)\*+\/$/, /^<!--(.*)-->$/, /^(?:\/\/+|#+|--|;+)(.*)$/];

/** The words an elision note is made of; any other word makes the line a real comment. */
const noteWords: ReadonlySet<string> = new Set(
  (
    'existing unchanged unmodified untouched same rest remain remains remaining stay stays previous previously other ' +
    'omitted omit keep keeps kept left out code as before above below earlier original here is are the of a an this ' +
    'that for brevity not shown no change changes still all everything else and in to from your etc more lines line ' +
    'file import method function class component body implementation logic content contents config configuration ' +
    'property properties prop field style markup jsx html css test case definition declaration element item route handler ' +
    'helper member module script section block template type interface variable constant export hook state ' +
    'attribute parameter argument option setting rule value key entry dependency step task job service table ' +
    'column query stuff'
  ).split(' '),
);

/** Without an ellipsis, a note must say that the code is unchanged. */
const elisionPhrase = /\b(?:existing|unchanged|unmodified|untouched|omitted|rest of|remains? the same|stays? the same|as before|for brevity|not shown)\b/;

/** Letters, digits and the punctuation of a sentence: `=`, `{`, `<`, `/` and the like mean code. */
const noteCharacters = /^[\p{L}\p{N}\s().,:;'"!?\-–—[\]…]*$/u;

function isNoteWord(word: string): boolean {
  return noteWords.has(word) || (word.endsWith('s') && noteWords.has(word.slice(0, -1))) || /^\d+$/.test(word);
}

function isElisionNote(text: string): boolean {
  if (!noteCharacters.test(text)) {
    return false;
  }
  const hasEllipsis = /\.{3}|…/.test(text);
  const words = text.replace(ellipsis, ' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (!words.every(isNoteWord)) {
    return false;
  }
  return hasEllipsis || elisionPhrase.test(words.join(' '));
}

/** A marker whatever the lines around it: a comment note, or an ellipsis followed by a note. */
function isCertainElision(trimmed: string): boolean {
  const comment = commentForms.map((form) => form.exec(trimmed)).find((match) => match !== null);
  if (comment !== undefined) {
    return isElisionNote(comment[1] ?? '');
  }
  return /^(?:\.{3,}|…+)\s+\S/.test(trimmed) && isElisionNote(trimmed);
}

function isBareEllipsis(trimmed: string): boolean {
  return /^(?:\.{3,}|…+)$/.test(trimmed);
}

/** For each line of a block, whether it stands for left-out code (see the rules above). */
export function elisionFlags(lines: readonly string[]): boolean[] {
  let previous = '';
  return lines.map((line) => {
    const trimmed = line.trim();
    if (trimmed === '') {
      return false;
    }
    const flag = isCertainElision(trimmed) || (isBareEllipsis(trimmed) && !/[:,(]$/.test(previous));
    previous = trimmed;
    return flag;
  });
}

/** Whether a block leaves code out. */
export function hasElision(code: string): boolean {
  return elisionFlags(code.split(/\r?\n/)).includes(true);
}
