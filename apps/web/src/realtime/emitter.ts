/** A tiny typed event emitter: one handler set per event name, typed by the map `E`. */
export class Emitter<E extends { [K in keyof E]: unknown }> {
  readonly #handlers = new Map<keyof E, Set<(payload: never) => void>>();

  on<K extends keyof E>(name: K, handler: (payload: E[K]) => void): () => void {
    let set = this.#handlers.get(name);
    if (!set) {
      set = new Set();
      this.#handlers.set(name, set);
    }
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  emit<K extends keyof E>(name: K, payload: E[K]): void {
    const set = this.#handlers.get(name);
    if (!set) return;
    for (const handler of [...set]) (handler as (payload: E[K]) => void)(payload);
  }
}
