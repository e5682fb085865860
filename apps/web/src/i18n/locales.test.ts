import { describe, expect, it } from "vitest";
import { bundles, merged } from "./locales/index.ts";

const en = merged("en");
const fr = merged("fr");

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

// French has a "many" plural form that English lacks; every other key must match.
const withoutMany = (keys: string[]) => keys.filter((k) => !k.endsWith("_many")).sort();

describe("locale files", () => {
  it("gives each feature file top-level keys of its own", () => {
    const owners = new Map<string, number>();
    bundles.en.forEach((tree, i) => {
      for (const key of Object.keys(tree)) {
        expect(owners.has(key), `"${key}" is defined by two locale files`).toBe(false);
        owners.set(key, i);
      }
    });
  });

  it("French translates every English string, and nothing English lacks", () => {
    expect(withoutMany(keysOf(fr))).toEqual(withoutMany(keysOf(en)));
  });

  it("keeps interpolation variables the same in both languages", () => {
    const vars = (tree: Tree) =>
      Object.fromEntries(
        keysOf(tree).map((key) => {
          const value = key
            .split(".")
            .reduce<Tree | string>((node, part) => (node as Tree)[part] ?? "", tree);
          return [
            key.replace(/_(one|other|many)$/, ""),
            String(value)
              .match(/{{\w+}}/g)
              ?.sort() ?? [],
          ];
        }),
      );
    expect(vars(fr)).toEqual(vars(en));
  });
});
