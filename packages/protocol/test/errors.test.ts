// The package's error convention: every error is a ChatKitError with a stable
// code, `cause` passed through, and `name` = its class's name — also after
// minification (the script-tag build renames classes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as source from '../src/index.ts';

const ERROR_CLASSES = [
  'ChatKitError',
  'ChatKitHttpError',
  'ChatKitMalformedEventError',
  'ChatKitMalformedResponseError',
  'ChatKitConnectionError',
  'ChatKitContentTypeError',
];

type Module = Record<string, unknown>;

function samples(module: Module): Record<string, Error> {
  const make = (name: string, ...args: unknown[]) =>
    new (module[name] as new (...a: unknown[]) => Error)(...args);
  const cause = new Error('underlying');
  return {
    ChatKitError: make('ChatKitError', 'ERR_HTTP', 'm', { cause }),
    ChatKitHttpError: make('ChatKitHttpError', 500, ''),
    ChatKitMalformedEventError: make('ChatKitMalformedEventError', '{', cause),
    ChatKitMalformedResponseError: make('ChatKitMalformedResponseError', cause),
    ChatKitConnectionError: make('ChatKitConnectionError', 'm', cause),
    ChatKitContentTypeError: make('ChatKitContentTypeError', 'text/event-stream', null),
  };
}

test('the exported error classes are the ones checked here', () => {
  const exported = Object.entries(source)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
    .map(([name]) => name);
  assert.deepEqual(exported.sort(), [...ERROR_CLASSES].sort());
});

test('codes and cause', () => {
  const errors = samples(source);
  for (const error of Object.values(errors)) assert.ok(error instanceof source.ChatKitError);
  assert.equal((errors.ChatKitHttpError as source.ChatKitError).code, 'ERR_HTTP');
  assert.equal((errors.ChatKitConnectionError as source.ChatKitError).code, 'ERR_CONNECTION');
  assert.equal(((errors.ChatKitConnectionError as Error).cause as Error).message, 'underlying');
});

test('names survive minification', async () => {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const minified = (await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )) as Module;
  for (const [name, error] of Object.entries(samples(minified))) assert.equal(error.name, name);
});
