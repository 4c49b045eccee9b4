/**
 * The digest chart port: turns a digest into a PNG. The core does not know how it is drawn; the
 * app wires `chart/digest-chart.ts` (Vega-Lite to SVG, resvg to PNG).
 */
import type { DigestImage, DigestView } from '../core/digest-view.ts';

export interface DigestChart {
  /** Rejects when the chart cannot be drawn; the digest then goes out as text alone. */
  render(view: DigestView): Promise<DigestImage>;
}
