/**
 * The file name a conversation is exported under: its title, made safe for every file system
 * (no separators, reserved characters or names, no trailing dots), bounded in length.
 */

const reservedOnWindows = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function exportFileName(title: string): string {
  const cleaned = title
    .normalize('NFC')
    // Control characters are as unwelcome in a file name as separators are.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    // Windows drops trailing dots and spaces, which would change the name under the user.
    .replace(/[. ]+$/, '');
  const base = cleaned.length === 0 || reservedOnWindows.test(cleaned) ? 'conversation' : cleaned;
  return `${base}.md`;
}
