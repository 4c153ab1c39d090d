// Better Auth gives a guest a new user id when it signs up (account linking),
// so the guest's threads must move to the new id. This uses only the public
// ChatKitStore interface, so it works with any store; a store may offer a
// native `transferThreads(from, to)` and then that is used instead.
import type { ChatKitStore } from '@chat-widget/server/chatkit';

type ThreadItemOf<S extends ChatKitStore> = Awaited<ReturnType<S['listItems']>>['data'][number];
type TransferCapable = { transferThreads(fromUserId: string, toUserId: string): Promise<unknown> };

const PAGE = 100;

async function all<T>(
  load: (after: string | undefined) => Promise<{ data: T[]; has_more: boolean; after?: string }>,
) {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await load(after);
    out.push(...page.data);
    if (!page.has_more || !page.after) return out;
    after = page.after;
  }
}

/** Moves every thread (with its items) of `fromUserId` to `toUserId`; returns how many moved. */
export async function reownThreads(
  store: ChatKitStore,
  fromUserId: string,
  toUserId: string,
): Promise<number> {
  if (fromUserId === toUserId) return 0;
  const native = (store as Partial<TransferCapable>).transferThreads;
  if (typeof native === 'function') {
    const moved = await native.call(store, fromUserId, toUserId);
    return typeof moved === 'number' ? moved : -1;
  }
  const threads = await all((after) =>
    store.listThreads(fromUserId, { limit: PAGE, order: 'asc', after }),
  );
  for (const thread of threads) {
    const items: ThreadItemOf<ChatKitStore>[] = await all((after) =>
      store.listItems(fromUserId, thread.id, { limit: PAGE, order: 'asc', after }),
    );
    // Thread ids may be unique store-wide: remove the old copy before writing the new one.
    await store.deleteThread(fromUserId, thread.id);
    await store.createThread(toUserId, thread);
    for (const item of items) await store.addItem(toUserId, thread.id, item);
  }
  return threads.length;
}
