import { describe, expect, it } from 'vitest';
import { detailRequests, type DetailState } from './detailRequests';

/** A fetch whose answers the test releases by hand, in any order. */
function controlledFetch() {
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  const fetch = (id: string) => new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
  return {
    fetch,
    answer: (id: string) => pending.get(id)!.resolve(`record ${id}`),
    fail: (id: string, err: unknown) => pending.get(id)!.reject(err),
  };
}

const notFound = new Error('404');

function setup() {
  const { fetch, answer, fail } = controlledFetch();
  const shown: DetailState<string>[] = [];
  const errors: unknown[] = [];
  const requests = detailRequests(fetch, (s) => shown.push(s), {
    isMissing: (e) => e === notFound,
    onError: (e) => errors.push(e),
  });
  return { requests, answer, fail, errors, last: () => shown[shown.length - 1]! };
}

describe('a detail view’s requests', () => {
  it('drops a late answer for a record the user has already left', async () => {
    const { requests, answer, last } = setup();
    const a = requests.load('A');
    const b = requests.load('B');
    answer('B');
    await b;
    answer('A');
    await a;
    expect(last()).toMatchObject({ id: 'B', data: 'record B', loading: false });
  });

  it('drops a late failure too, and everything once cancelled', async () => {
    const { requests, answer, fail, errors, last } = setup();
    const a = requests.load('A');
    const b = requests.load('B');
    fail('A', new Error('network'));
    await a;
    expect(errors).toEqual([]);
    requests.cancel();
    answer('B');
    await b;
    expect(last()).toMatchObject({ id: 'B', data: null, loading: true });
  });

  it('keeps the record on screen while reloading it, and says missing only for a 404', async () => {
    const { requests, answer, fail, errors, last } = setup();
    const first = requests.load('A');
    answer('A');
    await first;
    const again = requests.load('A');
    expect(last()).toMatchObject({ id: 'A', data: 'record A', loading: true });
    fail('A', new Error('network'));
    await again;
    expect(last()).toMatchObject({ data: 'record A', failed: true, missing: false });
    expect(errors).toHaveLength(1);

    const other = requests.load('C');
    expect(last()).toMatchObject({ id: 'C', data: null });
    fail('C', notFound);
    await other;
    expect(last()).toMatchObject({ id: 'C', missing: true, failed: false });
    expect(errors).toHaveLength(1);
  });
});
