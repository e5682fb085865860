/**
 * Group commit: work submitted while a batch is being written joins the next batch, so under
 * load many items share one statement and one commit, while an idle item goes out at once.
 * Also used to share one lookup among concurrent reads.
 */
export class GroupCommit<I, O> {
  #pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  #running = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        // Start once this turn of the event loop has handled every request that was ready, so
        // what arrives together is written together. (A microtask would start after the first
        // request alone. When PGlite ran on the server's thread, no request was read while a
        // batch was written, so every batch then held one item.)
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain() {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, this.maxBatch);
        try {
          const results = await this.write(batch.map((p) => p.item));
          for (const [i, p] of batch.entries()) p.resolve(results[i] as O);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
