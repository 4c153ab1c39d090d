// define.ts is the IIFE entry and is imported by index.ts: it must be safe where
// there is no DOM (SSR, workers) and idempotent where there is one.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing the element where customElements does not exist defines nothing and does not throw', async () => {
  assert.equal(typeof (globalThis as { customElements?: unknown }).customElements, 'undefined');
  const mod = await import('../src/define.ts');
  assert.equal(mod.TAG_NAME, 'chat-widget');
  assert.doesNotThrow(() => mod.defineChatWidget());
});

test('a second, different definition warns instead of throwing; the same class is a no-op', async () => {
  const registry = new Map<string, unknown>();
  const fake = {
    get: (name: string) => registry.get(name),
    define: (name: string, ctor: unknown) => {
      if (registry.has(name))
        throw new DOMException(`${name} already defined`, 'NotSupportedError');
      registry.set(name, ctor);
    },
  };
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  (globalThis as { customElements?: unknown }).customElements = fake;
  try {
    const { defineChatWidget, ChatWidget } = await import('../src/define.ts');
    defineChatWidget('test-chat');
    assert.equal(registry.get('test-chat'), ChatWidget);
    defineChatWidget('test-chat');
    assert.deepEqual(warnings, []);
    // Another copy of the element class (a second bundle), as customElements would hold it.
    const otherCopy = Object.assign(function otherCopy() {}, { version: '9.9.9' });
    registry.set('other-chat', otherCopy);
    defineChatWidget('other-chat');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /<other-chat> is already defined \(version 9\.9\.9\)/);
    assert.equal(registry.get('other-chat'), otherCopy);
  } finally {
    console.warn = originalWarn;
    delete (globalThis as { customElements?: unknown }).customElements;
  }
});
