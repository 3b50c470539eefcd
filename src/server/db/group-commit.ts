/**
 * Group commit: writes that arrive while a transaction is being committed wait and are committed
 * together in the next one. With SQLite's synchronous=FULL every commit costs an fsync (about
 * 2,000 a second on this kind of machine); committing the requests that queued meanwhile in one
 * transaction keeps the same durability — nobody is answered before their commit — at many times
 * the rate. If a batch fails, its items are retried one by one so one bad item fails alone.
 */
export class GroupCommitter<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // Let the requests whose bytes arrived during the last commit reach the queue first: a
      // bigger batch writes fewer pages per item (the same index pages serve many of them).
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.commit(batch.map((b) => b.item));
        for (const [i, b] of batch.entries()) b.resolve(results[i]!);
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        for (const b of batch) {
          try {
            b.resolve((await this.commit([b.item]))[0]!);
          } catch (single) {
            b.reject(single);
          }
        }
      }
    }
    this.running = false;
  }
}
