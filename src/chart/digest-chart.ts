/**
 * Draws the weekly digest's chart: a Vega-Lite spec compiled to Vega, rendered headless to SVG
 * (no canvas, no browser), then rasterised by resvg to a PNG 1200 px wide. resvg is given the
 * DejaVu Sans file shipped in the `dejavu-fonts-ttf` package and no system fonts, so the text
 * looks the same on a laptop, in CI and in the Docker image. The card is opaque white with dark
 * text, so it reads the same in a light or a dark chat theme.
 */
import { createRequire } from 'node:module';
import type * as vegaTypes from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { digestAlt, digestTitle, shortDate } from '../core/digest-text.ts';
import type { DigestImage, DigestView } from '../core/digest-view.ts';
import type { DigestChart } from '../ports/digest-chart.ts';

export const CHART_WIDTH = 1200;
const FONT = 'DejaVu Sans';
const INK = '#1f2933';
const MUTED = '#9aa5b1';
const ACCENT = '#2563eb';
const MISSED = '#d97706';
/** Longer key-point labels are cut, so the bars keep most of the width. */
const LABEL_CHARS = 80;

const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`),
);

function cut(text: string): string {
  return text.length <= LABEL_CHARS ? text : `${text.slice(0, LABEL_CHARS - 1).trimEnd()}…`;
}

/** The Vega-Lite spec: answers per round on top, this week's most-missed key points below. */
export function digestSpec(view: DigestView): TopLevelSpec {
  const rounds = view.rounds.map((r) => ({
    round: `#${r.seq}`,
    day: shortDate(r.revealedAt, view.timezone),
    answers: r.answers,
    week: r.thisWeek ? 'this week' : 'earlier',
  }));
  const missed = view.missed.map((m) => ({ point: cut(m.label), missedBy: m.missedBy }));
  const inner = CHART_WIDTH - 140;
  const mostMissed = Math.max(0, ...missed.map((m) => m.missedBy));
  const answersChart = {
    title: { text: 'Answers per round, last 8 weeks', anchor: 'start' as const, fontSize: 30 },
    width: inner,
    height: 320,
    data: { values: rounds },
    encoding: {
      x: {
        field: 'round',
        type: 'ordinal' as const,
        sort: null,
        axis: { title: null, labelAngle: 0, labelFontSize: 20, labelOverlap: true },
      },
      y: { field: 'answers', type: 'quantitative' as const, axis: { title: null, tickMinStep: 1, labelFontSize: 22 } },
    },
    layer: [
      {
        mark: { type: 'bar' as const, cornerRadiusEnd: 3 },
        encoding: {
          color: {
            field: 'week',
            type: 'nominal' as const,
            scale: { domain: ['earlier', 'this week'], range: [MUTED, ACCENT] },
            legend: { title: null, orient: 'top' as const, labelFontSize: 24, labelLimit: 400, symbolSize: 400 },
          },
        },
      },
      {
        mark: { type: 'text' as const, dy: -14, fontSize: 20, color: INK },
        encoding: { text: { field: 'answers', type: 'quantitative' as const } },
      },
    ],
  };
  // Each key point's label sits above its bar, so long labels need no axis column of their own.
  const missedChart = {
    title: { text: "This week's most-missed key points", anchor: 'start' as const, fontSize: 30 },
    width: inner,
    height: Math.max(1, missed.length) * 88,
    data: { values: missed.length > 0 ? missed : [{ point: 'none missed this week', missedBy: 0 }] },
    encoding: {
      y: {
        field: 'point',
        type: 'nominal' as const,
        sort: null,
        axis: null,
        scale: { paddingInner: 0.55, paddingOuter: 0.4 },
      },
    },
    layer: [
      {
        mark: { type: 'bar' as const, color: MISSED, cornerRadiusEnd: 3 },
        encoding: {
          x: {
            field: 'missedBy',
            type: 'quantitative' as const,
            axis: { title: 'answerers who missed it', titleFontSize: 22, labelFontSize: 22, tickMinStep: 1 },
            // Room right of the longest bar for its count.
            scale: { domain: [0, Math.ceil(mostMissed * 1.1) + 1] },
          },
        },
      },
      {
        mark: { type: 'text' as const, align: 'left' as const, dx: 8, fontSize: 24, color: INK },
        encoding: {
          x: { field: 'missedBy', type: 'quantitative' as const },
          text: { field: 'missedBy', type: 'quantitative' as const },
        },
      },
      {
        mark: {
          type: 'text' as const,
          align: 'left' as const,
          baseline: 'bottom' as const,
          dy: -24,
          fontSize: 24,
          color: INK,
          limit: inner,
        },
        encoding: {
          x: { datum: 0, type: 'quantitative' as const },
          text: { field: 'point', type: 'nominal' as const },
        },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: digestTitle(view), fontSize: 40, anchor: 'start', color: INK, offset: 24 },
    background: '#ffffff',
    padding: 32,
    vconcat: [answersChart, missedChart],
    spacing: 56,
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelColor: INK, titleColor: INK, domainColor: MUTED, tickColor: MUTED, gridColor: '#e4e7eb' },
      title: { color: INK },
      legend: { labelColor: INK },
    },
  } as TopLevelSpec;
}

/** The spec drawn as SVG by Vega's headless renderer. */
export async function digestSvg(view: DigestView): Promise<string> {
  const [vega, compile] = await Promise.all([import('vega'), vegaLiteCompiler()]);
  const runtime = vega.parse(compile(digestSpec(view)));
  const chart = new vega.View(runtime, { renderer: 'none' });
  try {
    return await chart.toSVG();
  } finally {
    chart.finalize();
  }
}

type SetWithJson = { toJSON?: unknown };
let compiler: Promise<(spec: TopLevelSpec) => vegaTypes.Spec> | undefined;

/**
 * Vega-Lite, loaded on first use (it is large) and kept from changing the rest of the process: on
 * import it sets `Set.prototype.toJSON` for its own hashing, which changes JSON.stringify of every Set
 * and broke the inspector that discord.js's event emitter bundles ("string "Set()" is not iterable").
 * The patch is taken off at once and put back only while a spec compiles (synchronously).
 */
function vegaLiteCompiler(): Promise<(spec: TopLevelSpec) => vegaTypes.Spec> {
  compiler ??= (async () => {
    const proto = Set.prototype as SetWithJson;
    const before = Object.getOwnPropertyDescriptor(proto, 'toJSON');
    const { compile } = await import('vega-lite');
    const patched = Object.getOwnPropertyDescriptor(proto, 'toJSON');
    const restore = () => {
      if (before) Object.defineProperty(proto, 'toJSON', before);
      else delete proto.toJSON;
    };
    restore();
    return (spec: TopLevelSpec) => {
      if (patched) Object.defineProperty(proto, 'toJSON', patched);
      try {
        return compile(spec).spec;
      } finally {
        restore();
      }
    };
  })();
  return compiler;
}

export class VegaDigestChart implements DigestChart {
  async render(view: DigestView): Promise<DigestImage> {
    const svg = await digestSvg(view);
    const { Resvg } = await import('@resvg/resvg-js');
    const rendered = new Resvg(svg, {
      fitTo: { mode: 'width', value: CHART_WIDTH },
      background: '#ffffff',
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
    }).render();
    return {
      png: new Uint8Array(rendered.asPng()),
      width: rendered.width,
      height: rendered.height,
      alt: digestAlt(view),
    };
  }
}
