import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/web/views/layout.tsx';
import { formsOf, startTags, unsafeMarkup } from './html.ts';
import { MARKER, SCRIPT_PAYLOADS } from './payloads.ts';

describe('the stored-script check finds what a browser would run', () => {
  it('flags each payload when it is written into a page unescaped', () => {
    for (const payload of SCRIPT_PAYLOADS.filter(
      (p) => !p.startsWith('<style') && !p.startsWith(']]>'),
    )) {
      const html = `<!doctype html><p>${payload}</p><input value="${payload}"><a href="${payload}">x</a>`;
      expect(unsafeMarkup(html, [MARKER]), payload).not.toEqual([]);
    }
  });

  it('accepts the same payloads rendered by the app’s own views (escaped)', () => {
    for (const payload of SCRIPT_PAYLOADS) {
      const html = renderPage({ title: payload, children: h('p', { title: payload }, payload) });
      expect(unsafeMarkup(html, [MARKER]), payload).toEqual([]);
    }
  });

  it('reads attributes as the HTML parser does: a quoted ">" does not end the tag, text in a textarea holds no tags', () => {
    const tags = startTags(
      '<input value="a > b" onfocus="x()"><textarea><script>no</script></textarea><!-- <img onerror=y> --><b>',
    );
    expect(tags.map((tag) => tag.name)).toEqual(['input', 'textarea', 'b']);
    expect(tags[0]?.attrs.get('onfocus')).toBe('x()');
    expect(unsafeMarkup('<script src="/static/workspace.js"></script>')).toEqual([]);
    expect(unsafeMarkup('<script src="https://evil.example/x.js"></script>')).toHaveLength(1);
    expect(unsafeMarkup('<a href=" jav&#x61;script:alert(1)">x</a>')).toHaveLength(1);
  });

  it('reads a form’s fields with their values, options and ticks', () => {
    const [form] = formsOf(
      '<form method="post" action="/a"><input type="hidden" name="version" value="3">' +
        '<select name="kind"><option value="">–</option><option value="b">B</option></select>' +
        '<textarea name="notes">x &amp; y</textarea><input type="checkbox" name="c" value="1" checked></form>' +
        '<input name="outside">',
    );
    expect(form?.action).toBe('/a');
    expect(form?.fields.map((f) => [f.name, f.type, f.value])).toEqual([
      ['version', 'hidden', '3'],
      ['kind', 'select', ''],
      ['notes', 'textarea', 'x & y'],
      ['c', 'checkbox', '1'],
    ]);
  });
});
