// Widget props → CSS values and image URL vetting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockCss, boxCss, color, imageUrl, length, space } from '../src/widgets/style.ts';

test('lengths and spacing steps', () => {
  assert.equal(length(120), '120px');
  assert.equal(length('100%'), '100%');
  assert.equal(length('1px; background: url(x)'), undefined);
  assert.equal(length('url(https://evil.test/x)'), undefined);
  assert.equal(length(Number.NaN), undefined);
  assert.equal(space(3), 'calc(var(--chat-widget-space, 4px) * 3)');
});

test('colors: tokens, palette, light/dark pairs, plain CSS colours; nothing else', () => {
  assert.equal(color('secondary'), 'var(--_muted)');
  assert.equal(color('success'), 'var(--_w-success)');
  assert.equal(color('surface-secondary'), 'var(--_surface)');
  assert.match(color('blue')!, /^hsl\(217 /);
  assert.match(color('gray-900')!, /^hsl\(220 9% /);
  assert.match(
    color({ light: 'gray-900', dark: 'gray-100' })!,
    /^light-dark\(hsl\(.+\), hsl\(.+\)\)$/,
  );
  assert.equal(color('#ff0000'), '#ff0000');
  assert.equal(color('rgb(1, 2, 3)'), 'rgb(1, 2, 3)');
  assert.equal(color('url(https://evil.test/x)'), undefined);
  assert.equal(color('red;background:url(x)'), undefined);
  assert.equal(color({ light: 'expression(alert(1))', dark: 3 }), undefined);
  assert.equal(color(7), undefined);
});

test('boxCss reads padding objects, borders, alignment and backgrounds', () => {
  const css = boxCss({
    padding: { x: 3, y: 2 },
    margin: { top: 1 },
    gap: 2,
    align: 'center',
    justify: 'between',
    wrap: 'wrap',
    flex: 1,
    border: { size: 1, color: 'subtle', style: 'solid' },
    radius: 'md',
    background: 'surface-secondary',
    minHeight: 40,
    width: '100%',
  });
  assert.equal(css['padding-left'], 'calc(var(--chat-widget-space, 4px) * 3)');
  assert.equal(css['padding-top'], 'calc(var(--chat-widget-space, 4px) * 2)');
  assert.equal(css['margin-top'], 'calc(var(--chat-widget-space, 4px) * 1)');
  assert.equal(css['margin-left'], undefined);
  assert.equal(css['justify-content'], 'space-between');
  assert.equal(css['align-items'], 'center');
  assert.equal(css['flex-wrap'], 'wrap');
  assert.equal(css.flex, '1 1 0%');
  assert.match(css.border!, /^1px solid color-mix/);
  assert.equal(css['border-radius'], '8px');
  assert.equal(css['background-color'], 'var(--_surface)');
  assert.equal(css['min-height'], '40px');
  assert.deepEqual(boxCss({ border: { bottom: 1 } }), {
    'border-bottom': '1px solid var(--_border)',
  });
  assert.deepEqual(
    boxCss({ background: 'url(https://evil.test)', border: 'x', align: 'nope' }),
    {},
  );
  assert.deepEqual(blockCss({ size: 48, aspectRatio: 1.5 }), {
    width: '48px',
    height: '48px',
    'aspect-ratio': '1.5',
  });
});

test('imageUrl: http(s) only, and only allowed domains when the thread lists them', () => {
  assert.equal(imageUrl('https://images.example.com/a.jpg'), 'https://images.example.com/a.jpg');
  for (const bad of [
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    '//evil.test/x.png',
    '/relative.png',
    'blob:https://x/y',
    ' jav\tascript:alert(1)',
    42,
    null,
  ])
    assert.equal(imageUrl(bad), null, String(bad));
  const allowed = ['images.example.com'];
  assert.ok(imageUrl('https://images.example.com/a.jpg', allowed));
  assert.ok(imageUrl('https://cdn.images.example.com/a.jpg', allowed));
  assert.equal(imageUrl('https://evil.test/a.jpg', allowed), null);
  assert.equal(imageUrl('https://images.example.com.evil.test/a.jpg', allowed), null);
  assert.ok(imageUrl('https://evil.test/a.jpg', []), 'an empty list restricts nothing');
});
