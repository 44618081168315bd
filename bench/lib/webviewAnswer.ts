/**
 * A long answer as a model streams it, token by token: paragraphs, lists, inline code and fenced
 * TypeScript blocks, so the webview's markdown, highlighting and code-block toolbars all work
 * while it grows. Deterministic: the same tokens every run.
 */

const words = ['the', 'stream', 'renders', 'each', 'block', 'once', 'and', 'keeps', 'it', 'while', 'a', 'model', 'writes', 'answer', 'text', 'quickly'];

function paragraph(seed: number, length: number): string[] {
  const tokens: string[] = [];
  for (let index = 0; index < length; index++) {
    const word = words[(seed * 7 + index * 3) % words.length]!;
    tokens.push(index === 0 ? word[0]!.toUpperCase() + word.slice(1) : index % 17 === 5 ? ` **${word}**` : index % 23 === 9 ? ` \`${word}()\`` : ` ${word}`);
  }
  tokens.push('.\n\n');
  return tokens;
}

function list(seed: number): string[] {
  return Array.from({ length: 5 }, (_, item) => [`- item ${seed}.${item}:`, ...paragraph(seed + item, 6).slice(1, -1), '\n']).flat().concat('\n');
}

function codeBlock(seed: number): string[] {
  const tokens = ['```ts\n'];
  for (let line = 0; line < 16; line++) {
    tokens.push(`export`, ` function`, ` step${seed}_${line}(`, `input`, `: number`, `)`, `: number`, ` {`, `\n  return`, ` input`, ` * ${line}`, ` + ${seed}`, `;\n}\n`);
  }
  tokens.push('```\n\n');
  return tokens;
}

/** `count` tokens of a realistic markdown answer. */
export function answerTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let seed = 0; tokens.length < count; seed++) {
    tokens.push(...paragraph(seed, 60), ...list(seed), ...paragraph(seed + 1, 40));
    if (seed % 2 === 1) {
      tokens.push(...codeBlock(seed));
    }
  }
  return tokens.slice(0, count);
}
