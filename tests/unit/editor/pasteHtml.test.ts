import { describe, expect, it } from 'vitest';
import { stripEventHandlers } from '../../../src/editor/pasteHtml';

describe('stripEventHandlers', () => {
  it('removes event handlers however they are written', () => {
    const cases: Array<[string, string]> = [
      ['<img src="x" onerror="alert(1)">', '<img src="x">'],
      ["<img src='x' ONERROR='alert(1)'>", "<img src='x'>"],
      ['<img src=x onerror=alert(1)>', '<img src=x>'],
      // An unquoted value runs to the next space: the browser reads onerror="alert(1)/src=x".
      ['<img/onerror=alert(1)/src=x>', '<img>'],
      ['<img src=x/onerror=alert(1)>', '<img src=x/onerror=alert(1)>'],
      ['<p onclick="a()" class="c" onmouseover=\'b()\'>text</p>', '<p class="c">text</p>'],
      ['<svg><circle onload="x()"/></svg>', '<svg><circle/></svg>'],
      ['<a title="a > b" onclick="x()">t</a>', '<a title="a > b">t</a>'],
      ['<body onload = "x()">', '<body>'],
    ];
    for (const [input, expected] of cases) expect(stripEventHandlers(input)).toBe(expected);
  });

  it('leaves text and other attributes alone', () => {
    const html =
      '<p data-online="1" title="on">Say onclick="hello" to everyone</p><a href="https://x.example/?on=1">x</a>';
    expect(stripEventHandlers(html)).toBe(html);
    expect(stripEventHandlers('plain text')).toBe('plain text');
  });
});
