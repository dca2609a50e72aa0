/** The escaping template the HTML reports are built with: values are text unless they are markup from `html`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html, trustedHtml, type HtmlValue } from '../../../src/core/format/html';

/** The markup without the line breaks and indentation the formatter puts into templates. */
const squashed = (markup: string): string => markup.replace(/\s*\n\s*/g, '');

describe('html template', () => {
  it('escapes every interpolated string, in text and in quoted attributes', () => {
    const hostile = `"><img src=x onerror=alert(1)><script>alert('x')</script>&amp;`;
    const markup = html`<td title="${hostile}">${hostile}</td>`.markup;
    const escaped =
      '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;';
    assert.equal(markup, `<td title="${escaped}">${escaped}</td>`);
    assert.ok(!markup.includes('<script'));
    assert.ok(!markup.includes('<img'));
  });

  it('inserts markup made by html as it is, lists joined, and nothing for null, undefined and false', () => {
    const rows = ['a<b', 'c&d'].map((cell) => html`<li>${cell}</li>`);
    const list = html`<ul>
      ${rows}${null}${undefined}${false}${0}
    </ul>`;
    assert.equal(squashed(list.markup), '<ul><li>a&lt;b</li><li>c&amp;d</li>0</ul>');
  });

  it('only html and trustedHtml make markup: a forged object with a markup field is text', () => {
    const forged = { markup: '<script>alert(1)</script>' } as unknown as HtmlValue;
    assert.equal(html`<p>${forged}</p>`.markup, '<p>[object Object]</p>');
    const style = html`<style>
      ${trustedHtml('p > a { color: red }')}
    </style>`;
    assert.equal(squashed(style.markup), '<style>p > a { color: red }</style>');
  });

  it('replaces characters HTML does not allow as text (controls, lone surrogates) with U+FFFD', () => {
    assert.equal(escapeHtml('a\u0000b\u001bc\u0085d\uD800e\tf\ng'), 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng');
    assert.equal(escapeHtml('æøå 😀'), 'æøå 😀', 'letters and a surrogate pair stay');
  });
});
