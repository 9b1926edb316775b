// The rubric: the Markdown raters read, and how the app finds the definition of a field or option in it.
//
// Anchor convention. Every field and every option / ordinal level has a heading in the rubric that
// ends with an explicit anchor, `{#anchor}`:
//
//   field                      {#<field key>}                  ## Severity {#severity}
//   option of a choice field   {#<field key>-<option value>}   ### Hate {#categories-hate}
//   level of an ordinal field  {#<field key>-<level>}          #### 3: High {#severity-3}
//
// rubricAnchor(fieldKey, value?) computes it. Field keys never contain "-", so the first "-" always
// separates the field from the value and anchors cannot collide. Other headings may carry any other
// anchor (e.g. {#scope}) or none. Validation (validate.ts) requires every field, option and level to
// have its heading, and every anchor to be unique, so the app can always open the rubric "at the
// definition of the field or option in focus". Renderers that do not understand `{#...}` can use
// parseRubricHeadings() to assign ids and stripHeadingAnchors() to hide the markers.

/** The anchor of a field's definition, or of one of its options / levels, in the rubric. */
export function rubricAnchor(fieldKey: string, value?: string | number): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  return value === undefined ? slug(fieldKey) : `${slug(fieldKey)}-${slug(String(value))}`;
}

export interface RubricHeading {
  /** 1 for "#", 2 for "##", ... */
  level: number;
  /** The heading text without the anchor marker. */
  text: string;
  /** The explicit `{#...}` anchor, or a slug of the text when there is none. */
  anchor: string;
  /** Whether the anchor was written explicitly. */
  explicit: boolean;
  /** 1-based line number. */
  line: number;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const ANCHOR = /[ \t]*\{#([A-Za-z0-9_-]+)\}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** GitHub-style slug of a heading text (used only for headings without an explicit anchor). */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The ATX headings of a Markdown document (outside fenced code blocks), with their anchors. */
export function parseRubricHeadings(markdown: string): RubricHeading[] {
  const out: RubricHeading[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((raw, i) => {
    const f = FENCE.exec(raw);
    if (f) {
      if (fence === undefined) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const h = HEADING.exec(raw);
    if (!h) return;
    let text = h[2];
    const a = ANCHOR.exec(text);
    if (a) text = text.slice(0, a.index).trimEnd();
    out.push({ level: h[1].length, text, anchor: a ? a[1] : headingSlug(text), explicit: Boolean(a), line: i + 1 });
  });
  return out;
}

/**
 * The section of the rubric under the heading with this anchor: the heading line and everything up to
 * the next heading of the same or a higher level. Undefined when no heading has the anchor.
 */
export function rubricSection(markdown: string, anchor: string): string | undefined {
  const headings = parseRubricHeadings(markdown);
  const i = headings.findIndex((h) => h.anchor === anchor);
  if (i < 0) return undefined;
  const start = headings[i];
  const end = headings.slice(i + 1).find((h) => h.level <= start.level);
  const lines = markdown.split(/\r?\n/);
  return lines
    .slice(start.line - 1, end ? end.line - 1 : lines.length)
    .join('\n')
    .trimEnd();
}

/** The Markdown with the `{#anchor}` markers removed from headings (for renderers that would show them). */
export function stripHeadingAnchors(markdown: string): string {
  const headingLines = new Set(parseRubricHeadings(markdown).filter((h) => h.explicit).map((h) => h.line));
  return markdown
    .split(/(?<=\n)/)
    .map((line, i) => (headingLines.has(i + 1) ? line.replace(/[ \t]*\{#[A-Za-z0-9_-]+\}([ \t]*#*[ \t]*)(\r?\n)?$/, '$1$2') : line))
    .join('');
}
