// Renders build/icon.svg into the icons electron-builder packs (run after editing the SVG; the
// outputs are committed): build/icon.png (1024 px), build/icons/NxN.png (Linux), build/icon.icns
// (macOS) and build/icon.ico (Windows), the last two as containers of PNG images, which both
// formats accept. Rendered by Debian's Chromium: `npx tsx scripts/build-icons.ts`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const svg = readFileSync(path.join(build, 'icon.svg'), 'utf8');

async function render(sizes: number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const pngs = new Map<number, Buffer>();
  try {
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return pngs;
}

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
function ico(images: [number, Buffer][]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** ICNS: typed chunks of PNG data (icp4 16 px ... ic10 1024 px). */
function icns(images: [string, Buffer][]): Buffer {
  const chunks = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const pngs = await render([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
const png = (size: number) => pngs.get(size)!;
writeFileSync(path.join(build, 'icon.png'), png(1024));
mkdirSync(path.join(build, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), png(size));
writeFileSync(path.join(build, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png(s)])));
writeFileSync(path.join(build, 'icon.icns'), icns([['icp4', png(16)], ['icp5', png(32)], ['icp6', png(64)], ['ic07', png(128)], ['ic08', png(256)], ['ic09', png(512)], ['ic10', png(1024)]]));
console.log(`wrote the icons in ${build}`);
