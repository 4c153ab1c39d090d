// Widget actions without a browser: ActionConfig defaults, form values, the action the
// server receives (checked against the Python SDK fixtures) and the loading state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  formValues,
  loadingScope,
  readAction,
  setField,
  WidgetActionState,
  wireAction,
} from '../src/widgets/actions.ts';

const rich = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../../../test-support/fixtures/chatkit/rich/${name}`, import.meta.url),
      'utf8',
    ),
  );

test('readAction applies ChatKit defaults to template actions (server, auto, streaming)', () => {
  assert.deepEqual(readAction({ type: 'order.open', payload: { order_id: 'A-1' } }), {
    type: 'order.open',
    payload: { order_id: 'A-1' },
    handler: 'server',
    loadingBehavior: 'auto',
    streaming: true,
  });
  assert.deepEqual(
    readAction({ type: 'x', handler: 'client', loadingBehavior: 'none', streaming: false }),
    { type: 'x', handler: 'client', loadingBehavior: 'none', streaming: false },
  );
  assert.equal(readAction({ type: 'x', loadingBehavior: 'spin' })?.loadingBehavior, 'auto');
  for (const bad of [null, 'x', {}, { type: 3 }, { type: '' }, []])
    assert.equal(readAction(bad), null);
});

test('loadingScope: auto is container for forms and cards, self for single controls', () => {
  assert.equal(loadingScope('auto', 'Form'), 'container');
  assert.equal(loadingScope('auto', 'Card'), 'container');
  assert.equal(loadingScope('auto', 'Button'), 'self');
  assert.equal(loadingScope('auto', 'ListViewItem'), 'self');
  assert.equal(loadingScope('self', 'Form'), 'self');
  assert.equal(loadingScope('none', 'Button'), 'none');
});

test('the fixture form submit: payload + field values is exactly what the SDK received', () => {
  const request = rich('action.threads.custom_action.form.request.json');
  const stream = readFileSync(
    new URL(
      '../../../test-support/fixtures/chatkit/rich/widget.threads.create.response.sse',
      import.meta.url,
    ),
    'utf8',
  );
  const card = stream
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)))
    .find((e) => e.item?.id === request.params.item_id).item.widget;
  const form = card.children.find((c: { type: string }) => c.type === 'Form');
  const action = readAction(form.onSubmitAction)!;
  // The controls as the browser reports them after the user filled the form in.
  const values = formValues([
    { name: 'name', type: 'text', value: 'Ada' },
    { name: 'note', type: 'textarea', value: 'Leave at the door' },
    { name: 'speed', type: 'select-one', value: 'express' },
    { name: 'packaging', type: 'radio', value: 'box', checked: false },
    { name: 'packaging', type: 'radio', value: 'bag', checked: true },
    { name: 'date', type: 'date', value: '2025-01-10' },
    { name: 'gift', type: 'checkbox', value: 'on', checked: true },
    { name: '', type: 'submit', value: '' },
  ]);
  assert.deepEqual(wireAction(action, values), request.params.action);
});

test('the fixture button: the wire action drops handler, loadingBehavior and streaming', () => {
  const request = rich('action.threads.custom_action.approve.request.json');
  const action = readAction({
    type: 'order.approve',
    payload: { order_id: 'A-1234' },
    handler: 'server',
    loadingBehavior: 'container',
    streaming: true,
  })!;
  assert.deepEqual(wireAction(action), request.params.action);
  assert.deepEqual(wireAction({ type: 'bare' }), { type: 'bare' });
  assert.deepEqual(wireAction({ type: 'bare' }, { a: 1 }), { type: 'bare', payload: { a: 1 } });
});

test('formValues: unchecked boxes are false, empty selects/dates/radios are left out', () => {
  assert.deepEqual(
    formValues([
      { name: 'gift', type: 'checkbox', value: 'on', checked: false },
      { name: 'speed', type: 'select-one', value: '' },
      { name: 'date', type: 'date', value: '' },
      { name: 'pick', type: 'radio', value: 'a', checked: false },
      { name: 'note', type: 'text', value: '' },
    ]),
    { gift: false, note: '' },
  );
});

test('setField nests dotted names and never touches a prototype', () => {
  const values: Record<string, unknown> = {};
  setField(values, 'address.city', 'Paris');
  setField(values, 'address.zip', '75001');
  setField(values, '__proto__.polluted', 'yes');
  setField(values, 'a.constructor.prototype', 'yes');
  setField(values, 'trailing.', 'x');
  assert.deepEqual(values, { address: { city: 'Paris', zip: '75001' } });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('WidgetActionState holds the loading scope until the work settles, ignores repeats', async () => {
  let changes = 0;
  const state = new WidgetActionState(() => changes++);
  let finish!: () => void;
  const work = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let calls = 0;
  const run = state.run('item', { key: 'btn', component: 'Button', loading: 'self' }, () => {
    calls++;
    return work;
  });
  assert.equal(state.busy('item'), 'btn');
  assert.equal(state.busy('other'), null);
  // A double click while busy does nothing.
  await state.run('item', { key: 'btn', component: 'Button', loading: 'self' }, () => calls++);
  assert.equal(calls, 1);
  finish();
  await run;
  assert.equal(state.busy('item'), null);
  assert.equal(changes, 2);

  // Container scope is '*', and a failing action still clears it.
  const failing = state.run('item', { key: 'form', component: 'Form', loading: 'container' }, () =>
    Promise.reject(new Error('boom')),
  );
  assert.equal(state.busy('item'), '*');
  await assert.rejects(failing, /boom/);
  assert.equal(state.busy('item'), null);

  // loading none: no state at all.
  await state.run('item', { key: 'x', component: 'Button', loading: 'none' }, () => {
    assert.equal(state.busy('item'), null);
  });
});
