// Draws the toolbar and store icons (public/icon/{16,32,48,96,128}.png) with no tools but
// Node's zlib: a rounded square in Hugging Face's warm yellow-to-orange with a dark newspaper
// glyph (a headline, a picture and a few lines of text). WXT lists public/icon/*.png in the
// manifest by itself. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
/** Samples per pixel side: 8×8 coverage gives smooth rounded corners at every size. */
const SUPERSAMPLE = 8;

const TOP_LEFT = hex('#FFD21E');
const BOTTOM_RIGHT = hex('#FF9D00');
const INK = hex('#1F1A12');

/**
 * The glyph in unit coordinates [x0, y0, x1, y1], snapped to whole pixels per size so lines
 * stay crisp. Small sizes get fewer, thicker strokes: at 16 px a picture block is a smudge.
 */
function glyph(size) {
  if (size <= 32) {
    return [
      [0.25, 0.25, 0.75, 0.375], // headline
      [0.25, 0.5, 0.75, 0.5625],
      [0.25, 0.6875, 0.625, 0.75],
    ];
  }
  return [
    [0.22, 0.22, 0.78, 0.32], // headline
    [0.22, 0.4, 0.45, 0.6], // picture
    [0.52, 0.4, 0.78, 0.44],
    [0.52, 0.48, 0.78, 0.52],
    [0.52, 0.56, 0.72, 0.6],
    [0.22, 0.67, 0.78, 0.71],
    [0.22, 0.75, 0.64, 0.79],
  ];
}

/** RGBA pixels of one icon. */
function draw(size) {
  const margin = size >= 48 ? Math.round(size / 32) : 0;
  const radius = (size - 2 * margin) * 0.22;
  const rects = glyph(size).map((rect) => rect.map((value) => Math.round(value * size)));
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let background = 0;
      let ink = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = x + (sx + 0.5) / SUPERSAMPLE;
          const py = y + (sy + 0.5) / SUPERSAMPLE;
          if (!insideRoundedSquare(px, py, margin, size - margin, radius)) continue;
          background++;
          if (rects.some(([x0, y0, x1, y1]) => px >= x0 && px < x1 && py >= y0 && py < y1)) ink++;
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const t = (x + y) / (2 * (size - 1)); // the gradient runs corner to corner
      const paper = mix(TOP_LEFT, BOTTOM_RIGHT, t);
      const color = background === 0 ? paper : mix(paper, INK, ink / background);
      const offset = (y * size + x) * 4;
      pixels[offset] = color[0];
      pixels[offset + 1] = color[1];
      pixels[offset + 2] = color[2];
      pixels[offset + 3] = Math.round((255 * background) / samples);
    }
  }
  return pixels;
}

function insideRoundedSquare(x, y, min, max, radius) {
  if (x < min || x > max || y < min || y > max) return false;
  const cx = Math.min(Math.max(x, min + radius), max - radius);
  const cy = Math.min(Math.max(y, min + radius), max - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function hex(value) {
  return [1, 3, 5].map((start) => parseInt(value.slice(start, start + 2), 16));
}

function mix(from, to, t) {
  return from.map((channel, index) => Math.round(channel + (to[index] - channel) * t));
}

/** A truecolour-with-alpha PNG: signature, IHDR, one IDAT, IEND. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none); deflate does the compressing.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT_DIR, `${size}.png`);
  writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${file}`);
}
