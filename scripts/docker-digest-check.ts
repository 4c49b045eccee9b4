/**
 * `npm run docker:digest`: draws the weekly digest's chart inside the Docker image, as the bot would
 * there, and checks that its text was drawn: the title and key-point boxes hold dark glyphs and the
 * right margin none (support/digest-pixels.ts, the boxes the unit test uses). The container renders
 * with the image's own dist/, node_modules (DejaVu Sans from `dejavu-fonts-ttf`, resvg's native
 * binary) and libc, with no network; this machine only decodes the PNG it sends back.
 *
 *   npm run docker:digest                    # builds the image (tag quizthread-digest-check) first
 *   npm run docker:digest -- --image NAME    # an image already built
 *
 * Exits 1 when the text is missing or the render fails in the container, 2 without a Docker engine.
 * scripts/docker-check.ts runs the same check on the image Compose builds. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { textProblems } from '../support/digest-pixels.ts';
import { sampleDigest } from '../support/digest-views.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Run by the image's node, from stdin, so the check adds nothing to the image. It prints one JSON
 * line: the PNG and what it was drawn with (font file, resvg's platform packages, the C library).
 */
const IN_CONTAINER = `
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
const { VegaDigestChart } = await import('/app/dist/chart/digest-chart.js');
const require = createRequire('/app/package.json');
const started = performance.now();
const image = await new VegaDigestChart().render(JSON.parse(process.env.DIGEST_VIEW));
const ms = Math.round(performance.now() - started);
const header = process.report.getReport().header;
process.stdout.write(JSON.stringify({
  ms,
  font: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  resvg: readdirSync('/app/node_modules/@resvg'),
  libc: header.glibcVersionRuntime ? 'glibc ' + header.glibcVersionRuntime : 'not glibc (musl?)',
  node: process.version,
  uid: process.getuid(),
  png: Buffer.from(image.png).toString('base64'),
}) + '\\n');
`;

const Drawn = z.object({
  ms: z.number(),
  font: z.string(),
  resvg: z.array(z.string()),
  libc: z.string(),
  node: z.string(),
  uid: z.number(),
  png: z.string().min(1),
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with `input` on its stdin, without blocking the event loop; killed after 5 minutes. */
function run(command: string, args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], timeout: 300_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`${command} ${args.join(' ')}: ${error.message}`)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Draws the sample digest in a container of `image` and checks its text. Resolves to a one-line
 * summary (and the PNG's path on this machine, to look at); rejects with what is wrong.
 */
export async function checkDigestInImage(image: string): Promise<string> {
  const result = await run(
    'docker',
    [
      ...['run', '--rm', '-i', '--network', 'none'],
      ...['-e', `DIGEST_VIEW=${JSON.stringify(sampleDigest())}`],
      ...['--entrypoint', 'node', image, '--input-type=module', '-'],
    ],
    IN_CONTAINER,
  );
  if (result.status !== 0)
    throw new Error(`drawing the digest in ${image} exited ${result.status}:\n${result.stderr || result.stdout}`);
  const drawn = Drawn.parse(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? ''));
  const bytes = Buffer.from(drawn.png, 'base64');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'quizthread-docker-digest-')), 'digest.png');
  writeFileSync(file, bytes);
  const png = PNG.sync.read(bytes);
  const { counts, problems } = textProblems(png);
  const seen =
    `${png.width}×${png.height} px PNG (${(bytes.length / 1024).toFixed(0)} KiB) drawn in ${drawn.ms} ms by ` +
    `node ${drawn.node} as uid ${drawn.uid} on ${drawn.libc}, @resvg/{${drawn.resvg.join(',')}}, font ${drawn.font}; ` +
    `dark pixels: title ${counts.title}, key points ${counts.keyPoints}, right margin ${counts.rightMargin}; saved ${file}`;
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${seen}`);
  return seen;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { image: { type: 'string' } } });
  const engine = await run('docker', ['version', '--format', '{{.Server.Version}}']);
  if (engine.status !== 0) {
    console.error(`docker:digest needs a running Docker engine: ${engine.stderr.trim()}`);
    return 2;
  }
  let image = values.image;
  if (!image) {
    image = 'quizthread-digest-check';
    const started = Date.now();
    const build = await run('docker', ['build', '-q', '-t', image, '.']);
    if (build.status !== 0) {
      console.error(`docker build exited ${build.status}:\n${build.stderr || build.stdout}`);
      return 1;
    }
    const size = (await run('docker', ['image', 'inspect', '--format', '{{.Size}}', image])).stdout.trim();
    console.log(`built ${image} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${size} bytes`);
  }
  try {
    console.log(`ok    the digest chart has its text in ${image}: ${await checkDigestInImage(image)}`);
    return 0;
  } catch (error) {
    console.log(`FAIL  the digest chart in ${image}: ${(error as Error).message}`);
    return 1;
  }
}

// Run directly (not imported by scripts/docker-check.ts).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
