import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/**
 * Where media bytes live. Local disk by default; an S3-compatible store implements the same
 * four calls, and nothing else in the server knows the difference.
 */
export interface MediaStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Readable | null>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

/** Files under `root`, fanned out by the key's last two characters so no folder grows huge. */
export class DiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  #path(key: string) {
    if (!/^[a-z0-9.-]+$/i.test(key)) throw new Error("bad storage key");
    return path.join(this.root, key.slice(-2), key);
  }

  async put(key: string, bytes: Buffer) {
    const file = this.#path(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves half a file under the real name.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.#path(key);
    return (await this.size(key)) === null ? null : createReadStream(file);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.#path(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string) {
    await rm(this.#path(key), { force: true });
  }
}

/** For tests and `DATABASE_URL=memory`: bytes in a map. */
export class MemoryStorage implements MediaStorage {
  readonly #files = new Map<string, Buffer>();

  async put(key: string, bytes: Buffer) {
    this.#files.set(key, bytes);
  }

  async get(key: string): Promise<Readable | null> {
    const bytes = this.#files.get(key);
    if (!bytes) return null;
    const { Readable } = await import("node:stream");
    return Readable.from(bytes);
  }

  async size(key: string) {
    return this.#files.get(key)?.length ?? null;
  }

  async delete(key: string) {
    this.#files.delete(key);
  }
}
