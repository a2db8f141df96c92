// @ts-check
// `node scripts/build-icons.mjs`: renders build/icon.svg into the icons electron-builder packs (build/icon.png for
// Linux, build/icon.ico for Windows, build/icon.icns for macOS). The outputs are committed: packaging needs no
// browser. Chromium (the one the e2e tests use: CHROMIUM_PATH or /usr/bin/chromium) rasterises the SVG, so the
// icon looks the same as the SVG in a browser; the ICO and ICNS containers are written here, each holding PNGs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const BUILD_DIR = join(import.meta.dirname, '..', 'build');

/** Windows picks the closest of these (pixels) for the taskbar, Explorer views and the installer; 256 is the largest ICO holds. */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/**
 * ICNS entries (type code → pixels). Retina types hold the double size: `ic11` is 16 pt at 2x, i.e. 32 pixels.
 * Every type listed here stores PNG data (macOS 10.7 and later).
 */
const ICNS_TYPES = /** @type {const} */ ([
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]);

/** Size (pixels) of build/icon.png: electron-builder wants at least 512 for Linux and derives smaller ones. */
const PNG_SIZE = 1024;

/**
 * PNG renderings of an SVG, transparent outside its shapes.
 * @param {string} svg the SVG text
 * @param {readonly number[]} sizes square sizes in pixels
 * @returns {Promise<Map<number, Buffer>>} size → PNG bytes
 */
async function renderPngs(svg, sizes) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    /** @type {Map<number, Buffer>} */
    const pngs = new Map();
    for (const size of new Set(sizes)) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${source}" width="${size}" height="${size}" alt="">`);
      await page.locator('img').evaluate((image) => /** @type {HTMLImageElement} */ (image).decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/**
 * A Windows icon file holding PNG images (ICONDIR header, one 16-byte ICONDIRENTRY per image, then the images).
 * @param {readonly { size: number, png: Buffer }[]} images
 * @returns {Buffer}
 */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

/**
 * An Apple icon file: the `icns` magic and total length, then one (type, length including its 8-byte header, PNG)
 * block per entry. Lengths are big-endian.
 * @param {readonly { type: string, png: Buffer }[]} entries
 * @returns {Buffer}
 */
function encodeIcns(entries) {
  const blocks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

const svg = readFileSync(join(BUILD_DIR, 'icon.svg'), 'utf8');
const pngs = await renderPngs(svg, [PNG_SIZE, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)]);
/** @param {number} size */
const png = (size) => /** @type {Buffer} */ (pngs.get(size));
writeFileSync(join(BUILD_DIR, 'icon.png'), png(PNG_SIZE));
writeFileSync(join(BUILD_DIR, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
writeFileSync(join(BUILD_DIR, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
console.log(`Icônes écrites dans ${BUILD_DIR} : icon.png (${PNG_SIZE} px), icon.ico (${ICO_SIZES.join(', ')} px), icon.icns (${ICNS_TYPES.length} images).`);
