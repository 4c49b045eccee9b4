/**
 * Prints the top frames of a `node --cpu-prof` profile by self time and by total time, with the
 * file they are in, so a bench section can say where its time goes: `npx tsx
 * scripts/bench/summarise-profile.ts <file.cpuprofile> [count]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: summarise-profile.ts <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const count = Number(countArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const name = (n: Node) => {
  const where = n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '');
  return `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
};
const selfByName = new Map<string, number>();
const totalByName = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  selfByName.set(name(n), (selfByName.get(name(n)) ?? 0) + t);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = name(byId.get(at)!);
    if (seen.has(key)) continue;
    seen.add(key);
    totalByName.set(key, (totalByName.get(key) ?? 0) + t);
  }
}
const show = (title: string, map: Map<string, number>) => {
  console.log(title);
  for (const [key, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
show('by self time:', selfByName);
show('by total time:', totalByName);
