import path from "node:path";
import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default("EUR"),
  WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A PostgreSQL server; PGlite under `dataDir` when absent. `memory` keeps PGlite in memory (tests). */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string;
  logLevel: string;
  rateLimit: boolean;
  currency: string;
  webhookAllowPrivate: boolean;
  demoData: boolean;
  /** Where the built web app lives; served at `/` when present. */
  webDist: string | undefined;
  /** scrypt cost (N). Lowered only by tests, never by the environment. */
  scryptCost: number;
  /** Secure cookies when served over https. */
  secureCookies: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const shownHost = e.HOST === "0.0.0.0" || e.HOST === "::" ? "localhost" : e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    rateLimit: e.RATE_LIMIT === "on",
    currency: e.CURRENCY,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === "true",
    demoData: e.DEMO_DATA === "on",
    webDist: undefined,
    scryptCost: 1 << 15,
    secureCookies: publicUrl.startsWith("https://"),
  };
}

/** A configuration for tests: in-memory database, quiet, no rate limits unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "",
    databaseUrl: "memory",
    redisUrl: undefined,
    publicUrl: "http://localhost:3000",
    logLevel: "silent",
    rateLimit: false,
    currency: "EUR",
    webhookAllowPrivate: true,
    demoData: false,
    webDist: undefined,
    scryptCost: 1 << 10,
    secureCookies: false,
    ...overrides,
  };
}
