/**
 * `npm run digest:example`: renders a digest the way the bot does, from eight weeks of realistic
 * rounds, into docs/digest-example.png (the image in the README), and prints the digest's text,
 * how long rendering took and the PNG's size.
 */
import { writeFileSync } from 'node:fs';
import { digestSvg, VegaDigestChart } from '../src/chart/digest-chart.ts';
import { digestLines, digestTitle } from '../src/core/digest-text.ts';
import { sampleDigest } from '../test/support/digest-views.ts';

const view = sampleDigest();
const chart = new VegaDigestChart();
// The first render loads Vega and the font; the figure that matters is a warm one, as in a running bot.
await chart.render(view);
const runs: number[] = [];
let image = await chart.render(view);
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  image = await chart.render(view);
  runs.push(performance.now() - started);
}
const svgStarted = performance.now();
await digestSvg(view);
const svgMs = performance.now() - svgStarted;
const out = new URL('../docs/digest-example.png', import.meta.url);
writeFileSync(out, image.png);
runs.sort((a, b) => a - b);
console.log([`${digestTitle(view)}`, ...digestLines(view)].join('\n'));
console.log(
  `\nwrote docs/digest-example.png: ${image.width}×${image.height} px, ${(image.png.length / 1024).toFixed(0)} KiB; ` +
    `render (Vega-Lite → SVG → PNG) median of 5: ${runs[2]?.toFixed(0)} ms, of which SVG ${svgMs.toFixed(0)} ms`,
);
