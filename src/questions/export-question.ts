/**
 * Writes a team question as a file of the bank's own format (front matter and sections), which
 * `parseQuestionFile` loads back as it is, so an admin can review it into `questions/` or another
 * deployment's QUIZ_QUESTIONS_DIR. The id becomes `from-team-<n>`: `team-<n>` is reserved for the
 * questions a running bot stores, so an imported file never shadows one.
 */
import { stringify } from 'yaml';
import type { TeamSuggestion } from '../ports/suggestion-store.ts';

export function exportedId(teamId: string): string {
  return `from-${teamId}`;
}

export function exportQuestionFile(s: TeamSuggestion): { name: string; content: string } {
  const q = s.question;
  const id = exportedId(s.id);
  const fields = {
    id,
    title: q.title,
    topics: q.topics,
    difficulty: q.difficulty,
    keyPoints: q.keyPoints.map((k) => ({ label: k.label, terms: k.terms, ...(k.wrong ? { wrong: k.wrong } : {}) })),
    references: q.references,
  };
  // One line, so no name can close the comment and add YAML of its own.
  const author = s.authorName.replace(/\s+/g, ' ').trim();
  const note = `# Written by ${author} (${s.id}); check the facts and the reference before it joins a bank.`;
  const content = `---\n${note}\n${stringify(fields).trimEnd()}\n---\n\n## Question\n${q.prompt}\n\n## Model answer\n${q.modelAnswer}\n`;
  return { name: `${id}.md`, content };
}
