/**
 * Compiles a bench child process (a bot replica, the memory bot) to one JavaScript file, as
 * `npm run build` compiles the bot for production: run under tsx instead, a process carries tsx's
 * loader thread and transform cache, about 120 MiB of RSS that production never has. Packages stay
 * external, resolved from node_modules as in production; the Lua scripts go next to the file, where
 * the store looks for them. Uses the esbuild that tsx brings.
 */
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

/** Returns the path of the compiled entry under `.bench/<name>/` (git ignores it). */
export async function compileChild(entry: string): Promise<string> {
  const name = path.basename(entry, '.ts');
  const outdir = path.join(root, '.bench', name);
  mkdirSync(outdir, { recursive: true });
  // Split at dynamic imports, as the bot loads only its configured platforms' packages.
  await build({
    entryPoints: [path.join(import.meta.dirname, entry)],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  cpSync(path.join(root, 'src/store/redis/lua'), path.join(outdir, 'lua'), { recursive: true });
  return path.join(outdir, `${name}.mjs`);
}
