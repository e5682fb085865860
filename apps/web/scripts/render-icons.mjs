// Renders the SVG icons into the PNG sizes that install prompts and iOS need, with Debian's
// Chromium (no network, no image library). Run: `npm run icons -w @agora/web`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const iconsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public", "icons");
const outputs = [
  { source: "icon.svg", file: "icon-192.png", size: 192, transparent: true },
  { source: "icon.svg", file: "icon-512.png", size: 512, transparent: true },
  { source: "icon-maskable.svg", file: "icon-maskable-512.png", size: 512, transparent: false },
  // iOS draws its own rounded corners and shows black where the icon is transparent.
  { source: "icon-maskable.svg", file: "apple-touch-icon.png", size: 180, transparent: false },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const { source, file, size, transparent } of outputs) {
    const svg = await readFile(path.join(iconsDir, source), "utf8");
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: path.join(iconsDir, file), omitBackground: transparent });
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
