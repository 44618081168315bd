/**
 * What keeps the webview's untrusted content in its box, host side: the CSP nonce (random, long,
 * never repeated) and the links the host agrees to open (web and mail only).
 */

import assert from 'node:assert/strict';
import { createNonce } from '../../src/shell/chat/nonce';
import { openableLink } from '../../src/shell/chat/links';

describe('shell webview safety', () => {
  it('nonces: 256 bits of base64url, a different one every time', () => {
    const nonces = Array.from({ length: 10_000 }, () => createNonce());
    const alphabet = new Set(nonces.join(''));
    assert.deepStrictEqual(
      { lengths: [...new Set(nonces.map((nonce) => nonce.length))], distinct: new Set(nonces).size, allowed: nonces.every((nonce) => /^[A-Za-z0-9_-]+$/.test(nonce)), alphabetUsed: alphabet.size },
      { lengths: [43], distinct: 10_000, allowed: true, alphabetUsed: 64 },
    );
  });

  it('opens http, https and mailto links only', () => {
    const hrefs = [
      'https://example.com/docs?q=1#part',
      'http://localhost:8080/',
      'mailto:someone@example.com',
      '  https://example.com/padded  ',
      'HTTPS://EXAMPLE.COM/Upper',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'command:workbench.action.terminal.new',
      'vscode://settings/foo',
      'file:///etc/passwd',
      'vscode-webview://abc/index.html',
      '//evil.example/path',
      '/relative/path',
      '#anchor',
      'https:',
      'http:///nohost',
      'not a url',
      '',
    ];
    assert.deepStrictEqual(
      hrefs.map((href) => [href, openableLink(href)]),
      [
        ['https://example.com/docs?q=1#part', 'https://example.com/docs?q=1#part'],
        ['http://localhost:8080/', 'http://localhost:8080/'],
        ['mailto:someone@example.com', 'mailto:someone@example.com'],
        ['  https://example.com/padded  ', 'https://example.com/padded'],
        ['HTTPS://EXAMPLE.COM/Upper', 'https://example.com/Upper'],
        ['javascript:alert(1)', undefined],
        ['JaVaScRiPt:alert(1)', undefined],
        ['java\tscript:alert(1)', undefined],
        ['data:text/html,<script>alert(1)</script>', undefined],
        ['vbscript:msgbox(1)', undefined],
        ['command:workbench.action.terminal.new', undefined],
        ['vscode://settings/foo', undefined],
        ['file:///etc/passwd', undefined],
        ['vscode-webview://abc/index.html', undefined],
        ['//evil.example/path', undefined],
        ['/relative/path', undefined],
        ['#anchor', undefined],
        ['https:', undefined],
        ['http:///nohost', 'http://nohost/'],
        ['not a url', undefined],
        ['', undefined],
      ],
    );
  });
});
