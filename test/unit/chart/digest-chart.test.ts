import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, digestSpec, digestSvg, VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { sampleDigest } from '../../support/digest-views.ts';

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Pixels in a box that are dark text on the white card (all channels low). */
function darkPixels(png: PNG, box: Box): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (png.width * y + x) * 4;
      if ((png.data[i] ?? 255) < 90 && (png.data[i + 1] ?? 255) < 90 && (png.data[i + 2] ?? 255) < 90) count++;
    }
  }
  return count;
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (png.width * y + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('the digest chart', () => {
  it('renders a PNG 1200 px wide on an opaque white card, with text where the labels are', async () => {
    const image = await new VegaDigestChart().render(sampleDigest());
    const png = PNG.sync.read(Buffer.from(image.png));
    expect([png.width, png.height]).toEqual([image.width, image.height]);
    expect(png.width).toBe(CHART_WIDTH);
    expect(png.height).toBeGreaterThan(600);
    expect(png.height).toBeLessThan(1400);
    // Opaque: every corner is the white card, never transparent (dark chat themes would show through).
    for (const [x, y] of [
      [0, 0],
      [png.width - 1, 0],
      [0, png.height - 1],
      [png.width - 1, png.height - 1],
    ])
      expect(pixel(png, x as number, y as number)).toEqual([255, 255, 255, 255]);
    // The title, top left: dark glyphs only if the shipped font was found and used.
    expect(darkPixels(png, { x0: 0, y0: 0, x1: 800, y1: 90 })).toBeGreaterThan(2000);
    // The bottom half holds the key-point labels.
    expect(darkPixels(png, { x0: 0, y0: Math.floor(png.height / 2), x1: 700, y1: png.height })).toBeGreaterThan(2000);
    // An empty right margin stays empty: the text is where the labels are, not everywhere.
    expect(darkPixels(png, { x0: png.width - 12, y0: 0, x1: png.width, y1: png.height })).toBe(0);
    // This week's bars in the accent blue.
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (png.data[i] === 0x25 && png.data[i + 1] === 0x63 && png.data[i + 2] === 0xeb) blue++;
    expect(blue).toBeGreaterThan(1000);
    expect(image.alt).toContain('The numbers are in the text');
  });

  it('draws every number of the digest into the SVG', async () => {
    const view = sampleDigest();
    const svg = await digestSvg(view);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const round of view.rounds) expect(texts).toContain(String(round.answers));
    for (const point of view.missed) {
      expect(texts).toContain(point.label);
      expect(texts).toContain(String(point.missedBy));
    }
  });

  it('says so when nothing was missed this week, instead of an empty chart', () => {
    const spec = JSON.stringify(digestSpec({ ...sampleDigest(), missed: [] }));
    expect(spec).toContain('none missed this week');
  });
});

describe('loading the chart', () => {
  it("leaves the process's Sets as they were after drawing (Vega-Lite patches Set.prototype.toJSON)", async () => {
    await digestSvg(sampleDigest());
    expect(JSON.stringify(new Set([1]))).toBe('{}');
    expect('toJSON' in Set.prototype).toBe(false);
  });
});
