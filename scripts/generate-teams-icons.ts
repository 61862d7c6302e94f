// Draws the Teams app icons (manifest/teams/color.png 192×192 and outline.png 32×32) from code, so they
// can be regenerated without an image editor: `npx tsx scripts/generate-teams-icons.ts`.
// Motif: three overlapping rings, the parties of a samverkansgrupp (region, kommun, others).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './lib/png.js';

const ACCENT = [0x1f, 0x6f, 0x8b] as const; // also accentColor in manifest.json
const SAMPLES = 4; // supersampling per axis for smooth edges

type Shape = (x: number, y: number) => boolean;

/** Rings centred on a triangle around the middle; coordinates in units of the image size (0..1). */
function rings(radius: number, thickness: number): Shape {
  const centres = [0, 1, 2].map((index) => {
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / 3;
    return [0.5 + 0.13 * Math.cos(angle), 0.52 + 0.13 * Math.sin(angle)] as const;
  });
  return (x, y) =>
    centres.some(([cx, cy]) => {
      const distance = Math.hypot(x - cx, y - cy);
      return distance <= radius && distance >= radius - thickness;
    });
}

function draw(size: number, background: readonly [number, number, number, number], shape: Shape): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits += 1;
        }
      }
      const coverage = hits / (SAMPLES * SAMPLES);
      const [r, g, b, a] = background;
      const alpha = coverage + (a / 255) * (1 - coverage);
      const mix = (channel: number) => (alpha === 0 ? 255 : Math.round((255 * coverage + channel * (a / 255) * (1 - coverage)) / alpha));
      pixels.set([mix(r), mix(g), mix(b), Math.round(alpha * 255)], (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

export function colorIcon(): RgbaImage {
  return draw(192, [...ACCENT, 255], rings(0.22, 0.045));
}

/** Teams requires the outline icon to be white on transparent. */
export function outlineIcon(): RgbaImage {
  return draw(32, [255, 255, 255, 0], rings(0.24, 0.085));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../manifest/teams/', import.meta.url));
  writeFileSync(`${dir}color.png`, encodePng(colorIcon()));
  writeFileSync(`${dir}outline.png`, encodePng(outlineIcon()));
  console.log(`Wrote ${dir}color.png (192×192) and ${dir}outline.png (32×32)`);
}
