import { connect, type Socket } from "node:net";

/**
 * A lean HTTP/1.1 client for load generation: kept-alive sockets, one request at a time on each,
 * requests written as one string, responses read by Content-Length. Global fetch spends ~0.4 ms
 * and node:http ~0.1 ms of the load generator's CPU per request; on a small machine that time is
 * taken from the server and database being measured (pgbench, the payments reference, is C).
 * Only what our API answers is understood: no chunked bodies, no redirects.
 */
export interface HttpResponse {
  status: number;
  body: string;
}

class Connection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiting: { resolve: (r: HttpResponse) => void; reject: (e: Error) => void } | undefined;

  constructor(host: string, port: number) {
    this.#socket = connect({ host, port, noDelay: true });
    this.#socket.on("data", (chunk: Buffer) => this.#read(chunk));
    this.#socket.on("error", (err) => this.#fail(err));
    this.#socket.on("close", () => this.#fail(new Error("connection closed")));
  }

  send(head: string, body: string | undefined): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(body === undefined ? head : head + body);
    });
  }

  close() {
    this.#socket.destroy();
  }

  #read(chunk: Buffer) {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = this.#buffer.toString("latin1", 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      return this.#fail(new Error("chunked responses are not supported by the bench client"));
    }
    if (this.#buffer.length < end + 4 + length) return;
    const status = Number(head.slice(9, 12));
    const body = this.#buffer.toString("utf8", end + 4, end + 4 + length);
    this.#buffer = this.#buffer.subarray(end + 4 + length);
    const w = this.#waiting;
    this.#waiting = undefined;
    w?.resolve({ status, body });
  }

  #fail(err: Error) {
    const w = this.#waiting;
    this.#waiting = undefined;
    w?.reject(err);
  }
}

export function httpClient(baseUrl: string, sockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const idle: Connection[] = Array.from({ length: sockets }, () => new Connection(hostname, Number(port)));
  const all = [...idle];
  const queue: ((c: Connection) => void)[] = [];
  const host = `${hostname}:${port}`;
  return {
    async send(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<HttpResponse> {
      const conn = idle.pop() ?? (await new Promise<Connection>((r) => queue.push(r)));
      let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
      for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
      if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
      head += "\r\n";
      try {
        return await conn.send(head, body);
      } finally {
        const next = queue.shift();
        if (next) next(conn);
        else idle.push(conn);
      }
    },
    close() {
      for (const c of all) c.close();
    },
  };
}
