/**
 * Where the digest chart's text should be, checked on decoded RGBA pixels. Shared by the unit test
 * (pngjs on this machine) and scripts/docker-digest-check.ts (a PNG drawn inside the Docker image),
 * so both hold the image to the same boxes and thresholds.
 */

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, row by row. */
  data: Uint8Array;
}

export type Box = { x0: number; y0: number; x1: number; y1: number };

/** Pixels in a box that are dark text on the white card (all channels low). */
export function darkPixels(png: Pixels, box: Box): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (png.width * y + x) * 4;
      if ((png.data[i] ?? 255) < 90 && (png.data[i + 1] ?? 255) < 90 && (png.data[i + 2] ?? 255) < 90) count++;
    }
  }
  return count;
}

/** The boxes that hold text in a chart of the sample digest, and one that must hold none. */
export function textBoxes(png: Pixels): { title: Box; keyPoints: Box; rightMargin: Box } {
  return {
    // The title, top left: dark glyphs only if the shipped font was found and used.
    title: { x0: 0, y0: 0, x1: 800, y1: 90 },
    // The bottom half holds the key-point labels.
    keyPoints: { x0: 0, y0: Math.floor(png.height / 2), x1: 700, y1: png.height },
    // An empty right margin stays empty: the text is where the labels are, not everywhere.
    rightMargin: { x0: png.width - 12, y0: 0, x1: png.width, y1: png.height },
  };
}

/** Fewer dark pixels than this in a text box means the labels were not drawn (no font, no glyphs). */
export const MIN_TEXT_PIXELS = 2000;

/** The dark-pixel count of each text box, and what is wrong with them (empty when the text is there). */
export function textProblems(png: Pixels): { counts: Record<string, number>; problems: string[] } {
  const boxes = textBoxes(png);
  const counts = {
    title: darkPixels(png, boxes.title),
    keyPoints: darkPixels(png, boxes.keyPoints),
    rightMargin: darkPixels(png, boxes.rightMargin),
  };
  const problems: string[] = [];
  if (counts.title < MIN_TEXT_PIXELS)
    problems.push(`the title area has ${counts.title} dark pixels (want at least ${MIN_TEXT_PIXELS})`);
  if (counts.keyPoints < MIN_TEXT_PIXELS)
    problems.push(`the key-point labels have ${counts.keyPoints} dark pixels (want at least ${MIN_TEXT_PIXELS})`);
  if (counts.rightMargin !== 0) problems.push(`the right margin has ${counts.rightMargin} dark pixels (want none)`);
  return { counts, problems };
}
