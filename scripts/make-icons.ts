/**
 * Draws the Teams app icons once (the PNGs are committed): npx tsx scripts/make-icons.ts
 *   manifest/color.png   192×192, a white shield with palisade stakes on navy
 *   manifest/outline.png  32×32, the same shield as a white outline on transparent
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type RGBA = [number, number, number, number];
const NAVY: RGBA = [0x24, 0x3a, 0x73, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const TEAL: RGBA = [0x2e, 0xc4, 0xb6, 255];

/** Shield in unit coordinates (0..1): flat top, straight sides to 55 %, then curving to a point. */
function inShield(x: number, y: number, inset = 0): boolean {
  const top = 0.12 + inset;
  const bottom = 0.9 - inset * 1.4;
  const half = 0.34 - inset;
  if (y < top || y > bottom) return false;
  const shoulder = 0.5;
  const dx = Math.abs(x - 0.5);
  if (y <= shoulder) return dx <= half;
  const t = (y - shoulder) / (bottom - shoulder);
  return dx <= half * Math.sqrt(Math.max(0, 1 - t * t));
}

/** Three pointed stakes (the palisade) inside the shield. */
function inStakes(x: number, y: number): boolean {
  const width = 0.07;
  for (const cx of [0.38, 0.5, 0.62]) {
    const tip = cx === 0.5 ? 0.26 : 0.31;
    const shaftTop = tip + width;
    const bottom = cx === 0.5 ? 0.74 : 0.68;
    const dx = Math.abs(x - cx);
    if (y >= shaftTop && y <= bottom && dx <= width / 2) return true;
    if (y >= tip && y < shaftTop && dx <= ((y - tip) / width) * (width / 2)) return true;
  }
  return false;
}

/** Renders with 4×4 supersampling so edges are smooth. */
function draw(size: number, shade: (x: number, y: number) => RGBA | undefined, background?: RGBA): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size) ?? background;
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha; g += c[1] * alpha; b += c[2] * alpha; a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png;
}

export function colorIcon(): PNG {
  return draw(192, (x, y) => {
    if (!inShield(x, y)) return undefined;
    if (!inShield(x, y, 0.035)) return WHITE;
    return inStakes(x, y) ? WHITE : TEAL;
  }, NAVY);
}

export function outlineIcon(): PNG {
  return draw(32, (x, y) => {
    if (inShield(x, y) && !inShield(x, y, 0.07)) return WHITE;
    if (inShield(x, y, 0.07) && Math.abs(x - 0.5) <= 0.05 && y >= 0.3 && y <= 0.7) return WHITE;
    return undefined;
  });
}

const dir = fileURLToPath(new URL('../manifest/', import.meta.url));
writeFileSync(`${dir}color.png`, PNG.sync.write(colorIcon()));
writeFileSync(`${dir}outline.png`, PNG.sync.write(outlineIcon()));
process.stdout.write(`wrote ${dir}color.png and ${dir}outline.png\n`);
