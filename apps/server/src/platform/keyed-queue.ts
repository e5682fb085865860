/**
 * Runs tasks one at a time per key, in arrival order. Used where the database would serialize
 * them anyway (one row lock per key): waiting here costs no database connection, waiting on
 * the row lock holds one, and a few hot keys would otherwise hold the whole pool.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  get size() {
    return this.#tails.size;
  }
}
