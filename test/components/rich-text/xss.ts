import { expect } from '@open-wc/testing';
import type { CourseChatMessage } from '../../../src/components/course-chat-message.js';

/**
 * Markdown written to run script or load something. Each payload calls `__xss()` if it ever runs
 * (`xssCalls` counts them); the renderer must show all of it as text or inert markup.
 */
export const xssCorpus: readonly string[] = [
  '[x](javascript:__xss())',
  '[x](JAVASCRIPT:__xss())',
  '[x](  javascript:__xss()  )',
  '[x](<javascript:__xss()>)',
  '[x](\\javascript:__xss())',
  '[x](&#106;avascript:__xss())',
  '[x](javascript&colon;__xss())',
  '[x](java&#x09;script:__xss())',
  '[x](jav\u200bascript:__xss())',
  '[x](data:text/html,<script>__xss()</script>)',
  '[x](vbscript:msgbox(1))',
  '[x](//evil.example/__xss)',
  '[x](https://example.com" onmouseover="__xss())',
  "[x](https://example.com'onmouseover='__xss())",
  '[[x](javascript:__xss())](https://example.com)',
  '[x](https://example.com)](javascript:__xss())',
  '[x](https://example.com)<img src=x onerror=__xss()>',
  '\\[x\\](javascript:__xss())',
  '![](x onerror=__xss())',
  '![x](javascript:__xss())',
  '![x](https://example.com/x.png" onerror="__xss())',
  '<img src=x onerror=__xss()>',
  '<script>__xss()</script>',
  '<svg onload=__xss()>',
  '<iframe src="javascript:__xss()"></iframe>',
  '<a href="javascript:__xss()">x</a>',
  '<object data="javascript:__xss()"></object>',
  '<details open ontoggle=__xss()>x</details>',
  '<style>*{background:url(javascript:__xss())}</style>',
  '<base href="javascript:__xss()//">',
  '<!--><img src=x onerror=__xss()>-->',
  '<math><mi xlink:href="javascript:__xss()">x</mi></math>',
  '&lt;script&gt;__xss()&lt;/script&gt;',
  '&#60;img src=x onerror=__xss()&#62;',
  '`<img src=x onerror=__xss()>`',
  '``[x](javascript:__xss())``',
  '```html\n<script>__xss()</script>\n<img src=x onerror=__xss()>\n```',
  '**<img src=x onerror=__xss()>**',
  '*[x](javascript:__xss())*',
  '> <script>__xss()</script>\n> [x](javascript:__xss())',
  '- <img src=x onerror=__xss()>\n- [x](javascript:__xss())',
  '1. [x](vbscript:__xss())\n2. <svg onload=__xss()>',
  'https://example.com/"><img src=x onerror=__xss()>',
  '$\\text{<img src=x onerror=__xss()>}$',
  '$$<svg onload=__xss()>$$',
  '$x$<img src=x onerror=__xss()>$y$',
  '$\\href{javascript:__xss()}{x}$',
  '$\\mathbf{<script>__xss()</script>}$',
];

/** What a rendered message may contain: text and the few elements the subset makes. */
const allowed = new Set([
  'p',
  'div',
  'pre',
  'code',
  'button',
  'ul',
  'ol',
  'li',
  'blockquote',
  'em',
  'strong',
  'a',
  'span',
  'mark',
  'math',
  'mrow',
  'mi',
  'mn',
  'mo',
  'mtext',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mtable',
  'mtr',
  'mtd',
]);

const calls: string[] = [];
(window as unknown as { __xss: () => void }).__xss = () => calls.push(new Error().stack ?? '');

/** How many times a payload ran. */
export const xssCalls = (): number => calls.length;

/** The message's content holds only inert markup: allowed elements, no handlers, links to http(s) only. */
export function expectInert(row: CourseChatMessage): void {
  const content = row.shadowRoot!.querySelector('.content');
  expect(content, 'the message has content').to.exist;
  const source = row.message!.content;
  for (const element of content!.querySelectorAll('*')) {
    const name = element.localName;
    expect(allowed.has(name), `<${name}> in the rendering of ${JSON.stringify(source)}`).to.be.true;
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${attribute.name} on <${name}> of ${JSON.stringify(source)}`).to.be
        .false;
      if (attribute.name === 'href' || attribute.name === 'src' || attribute.name.endsWith(':href'))
        expect(name === 'a' && /^https?:\/\//.test(attribute.value), `${attribute.name}=${attribute.value}`).to.be.true;
    }
    if (name === 'a') expect(element.getAttribute('rel')).to.equal('noopener noreferrer');
  }
  expect(content!.textContent!.trim(), `the text of ${JSON.stringify(source)}`).not.to.equal('');
}
