import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, digestSpec, digestSvg, VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { darkPixels, MIN_TEXT_PIXELS, textBoxes, textProblems } from '../../../support/digest-pixels.ts';
import { sampleDigest } from '../../support/digest-views.ts';

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
    const boxes = textBoxes(png);
    expect(darkPixels(png, boxes.title)).toBeGreaterThan(MIN_TEXT_PIXELS);
    expect(darkPixels(png, boxes.keyPoints)).toBeGreaterThan(MIN_TEXT_PIXELS);
    expect(darkPixels(png, boxes.rightMargin)).toBe(0);
    expect(textProblems(png).problems).toEqual([]);
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

describe('the text check (support/digest-pixels.ts, also run inside the Docker image)', () => {
  it('reports a chart drawn without its text, and passes the real one', async () => {
    const image = await new VegaDigestChart().render(sampleDigest());
    const drawn = PNG.sync.read(Buffer.from(image.png));
    // The same size, all white: what resvg draws when no font matches (the bars aside).
    const blank = { width: drawn.width, height: drawn.height, data: new Uint8Array(drawn.data.length).fill(255) };
    expect(textProblems(blank).problems).toEqual([
      `the title area has 0 dark pixels (want at least ${MIN_TEXT_PIXELS})`,
      `the key-point labels have 0 dark pixels (want at least ${MIN_TEXT_PIXELS})`,
    ]);
    // Ink everywhere is not text where the labels are.
    const inked = { ...blank, data: new Uint8Array(drawn.data.length).fill(0) };
    expect(textProblems(inked).problems).toEqual([`the right margin has ${12 * drawn.height} dark pixels (want none)`]);
    expect(textProblems(drawn).problems).toEqual([]);
  });
});

describe('loading the chart', () => {
  it("leaves the process's Sets as they were after drawing (Vega-Lite patches Set.prototype.toJSON)", async () => {
    await digestSvg(sampleDigest());
    expect(JSON.stringify(new Set([1]))).toBe('{}');
    expect('toJSON' in Set.prototype).toBe(false);
  });
});
