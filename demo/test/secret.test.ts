import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSecret, secretPathFor } from '../src/secret.ts';

const tempDir = (t: { after: (fn: () => void) => void }) => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-secret-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('without BETTER_AUTH_SECRET: generated once, stored beside the database, warned about, reused', (t) => {
  const db = join(tempDir(t), 'nested', 'demo.sqlite');
  const warnings: string[] = [];
  const first = resolveSecret(db, undefined, (m) => warnings.push(m));
  assert.equal(first.source, 'generated');
  assert.ok(first.secret.length >= 32);
  assert.equal(readFileSync(secretPathFor(db), 'utf8').trim(), first.secret);
  assert.equal(statSync(secretPathFor(db)).mode & 0o777, 0o600);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /BETTER_AUTH_SECRET/);

  writeFileSync(db, ''); // the database now exists
  const second = resolveSecret(db, undefined, (m) => warnings.push(m));
  assert.equal(second.source, 'file');
  assert.equal(second.secret, first.secret);
  assert.equal(warnings.length, 1);
});

test('never makes a new secret for a database that already exists without one', (t) => {
  const db = join(tempDir(t), 'demo.sqlite');
  writeFileSync(db, '');
  assert.throws(() => resolveSecret(db, undefined, () => {}), /exists but its secret file/);
});

test('BETTER_AUTH_SECRET wins; a short one is warned about', (t) => {
  const db = join(tempDir(t), 'demo.sqlite');
  const warnings: string[] = [];
  const result = resolveSecret(db, 'short', (m) => warnings.push(m));
  assert.deepEqual(result, { secret: 'short', source: 'env' });
  assert.equal(warnings.length, 1);
});
