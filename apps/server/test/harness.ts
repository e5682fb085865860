import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions } from "fastify";
import { type App, build } from "../src/app.ts";
import { type Config, testConfig } from "../src/platform/config.ts";
import { freshDatabase } from "./fresh-database.ts";

export interface TestUser {
  id: string;
  handle: string;
  displayName: string;
  token: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON and assert on it.
  body: any;
}

export class TestClient {
  #seq = 0;
  constructor(readonly app: FastifyInstance) {}

  async request(
    method: InjectOptions["method"],
    url: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await this.app.inject({
      method,
      url: url.startsWith("/api/") ? url : `/api/v1${url}`,
      headers,
      ...(opts.body !== undefined ? { payload: opts.body as InjectOptions["payload"] } : {}),
    });
    const type = String(res.headers["content-type"] ?? "");
    return {
      status: res.statusCode,
      headers: res.headers,
      body: type.includes("json") && res.body ? JSON.parse(res.body) : res.body,
    };
  }

  get(url: string, token?: string) {
    return this.request("GET", url, token ? { token } : {});
  }
  post(url: string, body?: unknown, token?: string) {
    return this.request("POST", url, { body: body ?? {}, ...(token ? { token } : {}) });
  }
  patch(url: string, body: unknown, token?: string) {
    return this.request("PATCH", url, { body, ...(token ? { token } : {}) });
  }
  delete(url: string, token?: string) {
    return this.request("DELETE", url, token ? { token } : {});
  }

  /** Uploads bytes as the multipart `file` field of POST /media. */
  async upload(
    token: string | undefined,
    bytes: Buffer,
    filename = "upload.bin",
    field = "file",
  ): Promise<Reply> {
    const boundary = `----agora${randomBytes(8).toString("hex")}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.app.inject({
      method: "POST",
      url: "/api/v1/media",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      payload: body,
    });
    return {
      status: res.statusCode,
      headers: res.headers,
      body: String(res.headers["content-type"]).includes("json") ? JSON.parse(res.body) : res.body,
    };
  }

  /** GETs a media url, answering the raw bytes. */
  async fetchMedia(url: string, token?: string) {
    const res = await this.app.inject({
      method: "GET",
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  }

  /** Registers a user with a unique handle built from `name`. */
  async user(name = "user", displayName?: string): Promise<TestUser> {
    const handle = `${name}_${++this.#seq}_${randomBytes(2).toString("hex")}`.slice(0, 32);
    const res = await this.post("/auth/register", {
      handle,
      displayName: displayName ?? name,
      password: "correct horse",
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.user.id, handle, displayName: res.body.user.displayName, token: res.body.token };
  }

  /** Makes two users contacts through the public API. */
  async befriend(a: TestUser, b: TestUser) {
    const req = await this.post("/contacts/requests", { userId: b.id }, a.token);
    if (req.status !== 201) throw new Error(`request failed: ${req.status} ${JSON.stringify(req.body)}`);
    const acc = await this.post(`/contacts/requests/${req.body.id}/accept`, {}, b.token);
    if (acc.status !== 200) throw new Error(`accept failed: ${acc.status}`);
  }
}

export interface TestApp extends App {
  client: TestClient;
  /** The http:// address, when started with `listen: true` (for WebSockets). */
  url: string;
  close(): Promise<void>;
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  opts: { listen?: boolean } = {},
): Promise<TestApp> {
  const db = await freshDatabase();
  // TEST_LOG_LEVEL=error shows what answered 500 in a test (with its stack), quiet otherwise.
  const logLevel = (process.env.TEST_LOG_LEVEL ?? "silent") as Config["logLevel"];
  const built = await build(testConfig({ databaseUrl: db.url, logLevel, ...overrides }));
  const url = opts.listen ? await built.app.listen({ port: 0, host: "127.0.0.1" }) : "";
  return {
    ...built,
    url,
    client: new TestClient(built.app),
    close: async () => {
      try {
        await built.app.close();
      } finally {
        await db.drop();
      }
    },
  };
}
