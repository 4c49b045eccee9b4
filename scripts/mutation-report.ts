/**
 * Reads one or more Stryker JSON reports (runs of disjoint parts of the mutate set may be combined),
 * prints the score of each file, folder and the whole, and writes docs/mutation-survivors.md: every
 * surviving or uncovered mutant with the reason it is left, taken from docs/mutation/reasons.*.json.
 *
 *   npx tsx scripts/mutation-report.ts [--write] [--strict] reports/mutation/mutation.json [...]
 *
 * --strict exits 1 when a survivor has no reason, so a rerun shows what is still to be done.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Mutant = z.object({
  mutatorName: z.string(),
  replacement: z.string().optional(),
  status: z.string(),
  location: z.object({
    start: z.object({ line: z.number(), column: z.number() }),
    end: z.object({ line: z.number(), column: z.number() }),
  }),
});
const Report = z.object({
  files: z.record(z.string(), z.object({ source: z.string(), mutants: z.array(Mutant) })),
});
const Reason = z.object({
  file: z.string(),
  line: z.number().int(),
  mutator: z.string(),
  replacement: z.string(),
  /**
   * The mutant's first source line, trimmed: when edits above it move the line, the reason still
   * finds its mutant by this text (same file, mutator and replacement, nearest line).
   */
  source: z.string().optional(),
  /**
   * `equivalent:` no behaviour changes; `accepted:` observable only in a way nobody relies on;
   * `killed:` a test added after the run fails with the mutant applied by hand, until a rerun counts it.
   */
  reason: z
    .string()
    .regex(/^(equivalent|accepted|killed): \S/, 'starts with "equivalent: ", "accepted: " or "killed: "'),
});
type Reason = z.infer<typeof Reason>;

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
}
const emptyTally = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 });

function add(t: Tally, status: string): void {
  if (status === 'Killed') t.killed++;
  else if (status === 'Timeout') t.timeout++;
  else if (status === 'Survived') t.survived++;
  else if (status === 'NoCoverage') t.noCoverage++;
  else if (status === 'Ignored') t.ignored++;
  else t.errors++;
}

/** Stryker's score: detected over valid mutants; ignored and errored ones are not valid. */
function score(t: Tally): string {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (t.killed + t.timeout)) / valid).toFixed(1)}%`;
}

/** The mutated text, from the 1-based lines and columns of the report. */
function original(source: string, m: z.infer<typeof Mutant>): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  const first = lines[start.line - 1]?.slice(start.column - 1) ?? '';
  return `${first.trim()} …`;
}

const cell = (s: string): string => `\`${s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 90)}\``;

/** The reasons, by exact place and, for mutants whose line moved, by their line's text. */
interface Reasons {
  exact: Map<string, Reason>;
  byText: Map<string, Reason[]>;
}

const textKey = (file: string, mutator: string, replacement: string, source: string): string =>
  `${file}:${mutator}:${replacement}:${source}`;

function findReason(reasons: Reasons, file: string, line: number, m: z.infer<typeof Mutant>, sourceLine: string) {
  const replacement = m.replacement ?? '';
  const exact = reasons.exact.get(key(file, line, m.mutatorName, replacement));
  if (exact) return exact;
  const moved = reasons.byText.get(textKey(file, m.mutatorName, replacement, sourceLine)) ?? [];
  return [...moved].sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))[0];
}

function loadReasons(dir: string): Reasons {
  const reasons: Reasons = { exact: new Map(), byText: new Map() };
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /^reasons\..+\.json$/.test(n));
  } catch {
    return reasons;
  }
  for (const name of names) {
    const path = join(dir, name);
    const parsed = z.array(Reason).safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success)
      throw new Error(`${path}: ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`);
    for (const r of parsed.data) {
      reasons.exact.set(key(r.file, r.line, r.mutator, r.replacement), r);
      if (r.source === undefined) continue;
      const k = textKey(r.file, r.mutator, r.replacement, r.source);
      reasons.byText.set(k, [...(reasons.byText.get(k) ?? []), r]);
    }
  }
  return reasons;
}

const key = (file: string, line: number, mutator: string, replacement: string): string =>
  `${file}:${line}:${mutator}:${replacement}`;

function main(argv: string[]): number {
  const write = argv.includes('--write');
  const strict = argv.includes('--strict');
  const paths = argv.filter((a) => !a.startsWith('--'));
  if (paths.length === 0) paths.push('reports/mutation/mutation.json');
  const reasons = loadReasons('docs/mutation');

  const perFile = new Map<string, Tally>();
  const perFolder = new Map<string, Tally>();
  const whole = emptyTally();
  const rows = new Map<string, string[]>();
  let unexplained = 0;
  /** Survivors a test added since the run kills (reason `killed:`): the next run counts them. */
  let killedSince = 0;

  for (const path of paths) {
    const report = Report.parse(JSON.parse(readFileSync(path, 'utf8')));
    for (const [file, { source, mutants }] of Object.entries(report.files)) {
      const folder = file.startsWith('src/adapters/') ? 'src/adapters' : file.split('/').slice(0, 2).join('/');
      const ft = perFile.get(file) ?? emptyTally();
      const dt = perFolder.get(folder) ?? emptyTally();
      perFile.set(file, ft);
      perFolder.set(folder, dt);
      for (const m of [...mutants].sort((a, b) => a.location.start.line - b.location.start.line)) {
        add(ft, m.status);
        add(dt, m.status);
        add(whole, m.status);
        if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
        const replacement = m.replacement ?? '';
        const sourceLine = source.split('\n')[m.location.start.line - 1]?.trim() ?? '';
        const r = findReason(reasons, file, m.location.start.line, m, sourceLine);
        if (!r) unexplained++;
        else if (r.reason.startsWith('killed: ')) killedSince++;
        const list = rows.get(file) ?? [];
        rows.set(file, list);
        list.push(
          `| ${m.location.start.line} | ${m.status} | ${m.mutatorName} | ${cell(original(source, m))} | ${cell(replacement)} | ${r ? r.reason.replace(/\|/g, '\\|') : '**no reason yet**'} |`,
        );
      }
    }
  }

  const table = (entries: [string, Tally][]): string[] =>
    entries.map(
      ([name, t]) =>
        `| ${name} | ${score(t)} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${t.errors} |`,
    );
  const header =
    '| scope | score | killed | timeout | survived | no coverage | ignored (static) | errors |\n|---|---|---|---|---|---|---|---|';
  const summary = [
    header,
    `| **all** | **${score(whole)}** | ${whole.killed} | ${whole.timeout} | ${whole.survived} | ${whole.noCoverage} | ${whole.ignored} | ${whole.errors} |`,
    ...table([...perFolder].sort()),
  ].join('\n');
  console.log(summary);
  console.log(`\n${table([...perFile].sort()).join('\n')}`);
  const valid = whole.killed + whole.timeout + whole.survived + whole.noCoverage;
  const withSince =
    valid === 0 ? 'n/a' : `${((100 * (whole.killed + whole.timeout + killedSince)) / valid).toFixed(1)}%`;
  console.log(`\nsurvivors and uncovered mutants without a reason: ${unexplained}`);
  console.log(
    `killed by tests added since the run (checked by hand, not yet by a run): ${killedSince}; the score counting them: ${withSince}`,
  );

  if (write) {
    const sections = [...rows]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([file, list]) =>
          `## ${file} (${list.length})\n\n| line | status | mutator | original | replacement | why it is left |\n|---|---|---|---|---|---|\n${list.join('\n')}\n`,
      );
    const doc = [
      '# Mutants that no test kills',
      '',
      'Generated by `npx tsx scripts/mutation-report.ts --write` from the JSON reports of the run that',
      'docs/testing.md describes; the reasons come from `docs/mutation/reasons.*.json`. "Equivalent"',
      'means no program behaviour changes; "accepted" means the change is observable only in a way no',
      'user or operator relies on (a log wording, a defensive default), said for each.',
      '',
      summary,
      '',
      ...sections,
    ].join('\n');
    writeFileSync('docs/mutation-survivors.md', doc);
  }
  return strict && unexplained > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
