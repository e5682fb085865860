/**
 * Group commit: work submitted while a batch is being written joins the next batch, so under
 * load many items share one statement and one commit, and an idle item goes out at once.
 * Items with the same key in one batch share one result.
 */
export class GroupCommit<I, O> {
  #pending = new Map<
    string,
    { item: I; waiters: { resolve: (o: O) => void; reject: (e: unknown) => void }[] }
  >();
  #running = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const existing = this.#pending.get(key);
      if (existing) existing.waiters.push({ resolve, reject });
      else this.#pending.set(key, { item, waiters: [{ resolve, reject }] });
      if (!this.#running) {
        this.#running = true;
        // Start after the current task, so what is submitted together is written together.
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain() {
    try {
      while (this.#pending.size > 0) {
        const batch = [...this.#pending.entries()].slice(0, this.maxBatch);
        for (const [key] of batch) this.#pending.delete(key);
        try {
          const results = await this.write(batch.map(([, p]) => p.item));
          batch.forEach(([, p], i) => {
            for (const w of p.waiters) w.resolve(results[i] as O);
          });
        } catch (err) {
          for (const [, p] of batch) for (const w of p.waiters) w.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
