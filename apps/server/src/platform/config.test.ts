import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has defaults for a laptop", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      rateLimit: true,
      currency: "EUR",
      databaseUrl: undefined,
    });
    expect(c.publicUrl).toBe("http://127.0.0.1:3000");
    expect(c.dataDir).toMatch(/data$/);
  });

  it("reads the environment", () => {
    const c = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      RATE_LIMIT: "off",
      DATABASE_URL: "postgres://u@h:5432/db",
      PUBLIC_URL: "https://agora.example/",
    });
    expect(c).toMatchObject({
      port: 8080,
      rateLimit: false,
      databaseUrl: "postgres://u@h:5432/db",
      secureCookies: true,
    });
    expect(c.publicUrl).toBe("https://agora.example");
  });

  it("shows localhost in links when listening on every interface", () => {
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "3001" }).publicUrl).toBe("http://localhost:3001");
  });

  it("stops with every bad value named", () => {
    expect(() => loadConfig({ PORT: "http", RATE_LIMIT: "maybe" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "http", RATE_LIMIT: "maybe" });
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/PORT/);
      expect(String((e as Error).message)).toMatch(/RATE_LIMIT/);
    }
  });
});
