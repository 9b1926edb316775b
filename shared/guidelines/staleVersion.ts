// Whether a draft's rubric still names the version it replaces ("as of v1.1.0", "Version 1.1"): a
// rubric copied forward keeps its old version line, and raters then read the wrong version. Only a
// warning for the owner to confirm: a rubric may name an older version on purpose.
import { compareSemver, parseSemver } from './semver';

export interface StaleVersionMention {
  /** 1-based line of the rubric. */
  line: number;
  /** The version named (one of `previous`). */
  version: string;
  /** The line, trimmed and shortened, for the owner to recognise it. */
  excerpt: string;
}

/** The versions a draft replaces: the one it maps from and the newest published, those older than it. */
export function replacedVersions(draft: { version: string; mapping?: { from: string } }, newestPublished: string | undefined): string[] {
  const all = [draft.mapping?.from, newestPublished].filter((v): v is string => !!v && parseSemver(v) !== undefined && compareSemver(v, draft.version) < 0);
  return [...new Set(all)];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How `version` is written in prose: `1.1.0`, `v1.1.0`, and for a .0 patch also `v1.1` and
 * `version 1.1` (a bare `1.1` is left alone: it is as likely a section number). Not inside a longer
 * number (`11.1.0`, `1.1.0.2`, `1.1.01`).
 */
function mentionPattern(version: string, flags = ''): RegExp {
  const v = parseSemver(version);
  // Group 1 or 2 is what precedes the number ("v", "Version "): a replacement keeps it.
  const forms = [`([vV]?)${escape(version)}`];
  if (v && v.patch === 0 && v.prerelease.length === 0) forms.push(`([vV]|[vV]ersion\\s+)${v.major}\\.${v.minor}`);
  return new RegExp(`(?<![\\w.])(?:${forms.join('|')})(?![\\w]|\\.\\d)`, flags);
}

/**
 * The lines of `rubric` that name one of the `previous` versions while `next` is being published.
 * A line that names `next` too is describing the change ("Changed in 1.2.0 from 1.1.0") and is not
 * reported.
 */
export function staleVersionMentions(rubric: string, previous: readonly string[], next: string): StaleVersionMention[] {
  const olds = [...new Set(previous)].filter((p) => p && p !== next);
  if (olds.length === 0) return [];
  const patterns = olds.map((version) => ({ version, re: mentionPattern(version) }));
  const nextRe = mentionPattern(next);
  const out: StaleVersionMention[] = [];
  rubric.split('\n').forEach((text, i) => {
    if (nextRe.test(text)) return;
    const hit = patterns.find((p) => p.re.test(text));
    if (!hit) return;
    const trimmed = text.trim();
    out.push({ line: i + 1, version: hit.version, excerpt: trimmed.length > 100 ? `${trimmed.slice(0, 97)}…` : trimmed });
  });
  return out;
}

/**
 * The rubric with the stale mentions `staleVersionMentions` reports turned into `next` ("v1.1.0" ->
 * "v1.2.0", "version 1.1" -> "version 1.2.0"); the lines it does not report are left as they are.
 */
export function updateStaleVersionMentions(rubric: string, previous: readonly string[], next: string): string {
  const stale = staleVersionMentions(rubric, previous, next);
  if (stale.length === 0) return rubric;
  const lines = rubric.split('\n');
  for (const m of stale) {
    lines[m.line - 1] = lines[m.line - 1].replace(mentionPattern(m.version, 'g'), (_all, full: string | undefined, short: string | undefined) => `${full ?? short ?? ''}${next}`);
  }
  return lines.join('\n');
}
