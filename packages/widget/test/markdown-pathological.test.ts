// Inputs built to make naive parsers quadratic (or overflow the stack). Each must parse;
// the per-test timeout is a hang guard — speed itself is measured separately (see report).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MdBlock, type MdInline, parseMarkdown } from '../src/markdown/index.js';

const N = 50_000;
const guard = { timeout: 15_000 };

/** Maximum nesting depth of containers in a tree. */
function depth(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((max: number, n) => Math.max(max, depth(n)), 0);
  if (typeof node !== 'object' || node === null) return 0;
  let max = 0;
  for (const value of Object.values(node))
    if (typeof value === 'object') max = Math.max(max, depth(value));
  return max + 1;
}
/** All text in a tree, concatenated. */
function allText(node: unknown): string {
  if (Array.isArray(node)) return node.map(allText).join('');
  if (typeof node !== 'object' || node === null) return '';
  const n = node as MdInline | MdBlock;
  if (n.type === 'text' || n.type === 'inline_code') return n.value;
  if (n.type === 'code_block') return n.text;
  return Object.values(node)
    .filter((v) => typeof v === 'object')
    .map(allText)
    .join('');
}

describe('pathological markdown', () => {
  const inlineCases: [string, string][] = [
    ['unclosed brackets', '['.repeat(N)],
    ['unclosed images', '!['.repeat(N)],
    ['link openings without a close', '[a]('.repeat(N)],
    ['link with long unclosed title', '[a](b "'.repeat(N / 8)],
    ['closing brackets', ']'.repeat(N)],
    ['unmatched emphasis openers', '*a '.repeat(N)],
    ['mixed openers', '*_'.repeat(N)],
    ['alternating underscores', 'a_ _b '.repeat(N / 4)],
    [
      'backtick runs of many lengths',
      Array.from({ length: N / 25 }, (_, i) => '`'.repeat((i % 40) + 1)).join('x'),
    ],
    ['angle brackets', '<'.repeat(N)],
    ['angle brackets with words', '<a '.repeat(N)],
    ['ampersands', '&'.repeat(N)],
    ['almost entities', '&#1234567'.repeat(N / 8)],
    ['backslashes', '\\'.repeat(N)],
    ['bare URLs', 'http://a.io/x '.repeat(N / 8)],
    ['URL with many parens', `https://a.io/${')'.repeat(N)}`],
    ['tildes', '~~a '.repeat(N)],
    ['many hard breaks', 'a  \n'.repeat(N / 4)],
  ];
  for (const [name, input] of inlineCases) {
    test(`${name} (${input.length} chars)`, guard, () => {
      const blocks = parseMarkdown(input);
      assert.ok(blocks.length >= 1);
      assert.ok(depth(blocks) < 60, 'tree depth stays bounded');
    });
  }

  test('failed link tails in ordinary text do not starve later links', guard, () => {
    const blocks = parseMarkdown(`${'[a](b c d) '.repeat(5000)}[ok](https://ok.io)`);
    const block = blocks[0];
    assert.ok(block?.type === 'paragraph');
    assert.deepEqual(block.children.at(-1), {
      type: 'link',
      href: 'https://ok.io/',
      children: [{ type: 'text', value: 'ok' }],
    });
  });

  test('deep emphasis nesting is capped and keeps its text', guard, () => {
    const input = `${'*a '.repeat(5000)}b${' c*'.repeat(5000)}`;
    const blocks = parseMarkdown(input);
    assert.ok(depth(blocks) < 60);
    assert.equal(allText(blocks).replace(/[* ]/g, '').length, 5000 * 2 + 1);
  });

  test('deeply nested blockquotes are capped', guard, () => {
    const blocks = parseMarkdown(`${'> '.repeat(N / 2)}deep`);
    assert.ok(depth(blocks) < 80);
    assert.ok(allText(blocks).endsWith('deep'));
  });

  test('deeply nested list markers on one line are capped', guard, () => {
    const blocks = parseMarkdown(`${'- '.repeat(N / 2)}x`);
    assert.ok(depth(blocks) < 120);
    assert.ok(allText(blocks).endsWith('x'));
  });

  test('deeply indented nested lists are capped', guard, () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
    const blocks = parseMarkdown(lines.join('\n'));
    assert.ok(depth(blocks) < 120);
    assert.ok(allText(blocks).includes('item 399'));
  });

  test('many list items, many table rows, many fences', guard, () => {
    const list = parseMarkdown('- item\n'.repeat(N / 7));
    assert.equal(list[0]?.type === 'list' && list[0].items.length, Math.floor(N / 7));
    const table = parseMarkdown(`| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(N / 10)}`);
    assert.equal(table[0]?.type === 'table' && table[0].rows.length, N / 10);
    const fences = parseMarkdown('```\n'.repeat(N / 4));
    assert.equal(fences.length, N / 8);
  });

  test('a table with very many columns', guard, () => {
    const cols = 5000;
    const blocks = parseMarkdown(
      `${'|a'.repeat(cols)}|\n${'|-'.repeat(cols)}|\n${'|1'.repeat(cols)}|`,
    );
    assert.equal(blocks[0]?.type === 'table' && blocks[0].head.length, cols);
  });

  test('very long single line and very many short lines', guard, () => {
    assert.equal(parseMarkdown('word '.repeat(N)).length, 1);
    assert.equal(parseMarkdown('a\n\n'.repeat(N / 3)).length, Math.floor(N / 3));
  });
});
