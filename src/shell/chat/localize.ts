/**
 * Host strings go through `vscode.l10n.t`; the chat logic imports no `vscode`, so the shell hands
 * that function in (`ChatEnvironment.localize`). Its signature is `l10n.t`'s: `{0}`, `{1}` … are
 * replaced by the arguments.
 */

export type Localize = (message: string, ...args: (string | number)[]) => string;

/** English, with `{n}` placeholders filled: what `l10n.t` does when no translation is installed. */
export const formatMessage: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
