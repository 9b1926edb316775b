// Where a validation issue is, in the words of the form: `fields[0].options[3].hotkey` is
// `Harm categories › Cyber › hotkey`. The path stays the machine's address (the editor jumps to it);
// this is what a person reads. The document may be any JSON (the editor's JSON mode): whatever the
// path names that is not there is left out.

const FIELD_PATH = /^fields\[(\d+)\](?:\.(options|levels)\[(\d+)\])?(?:\.(.+))?$/;

const titleOf = (x: unknown): string | undefined => {
  if (!x || typeof x !== 'object') return undefined;
  const t = (x as { title?: unknown }).title;
  return typeof t === 'string' && t.trim() ? t.trim() : undefined;
};

/** The issue's place by titles, or undefined when the path is not inside a field (or names no titled field). */
export function issuePlace(pack: unknown, path: string): string | undefined {
  const m = FIELD_PATH.exec(path);
  if (!m || !pack || typeof pack !== 'object') return undefined;
  const fields = (pack as { fields?: unknown }).fields;
  const field = Array.isArray(fields) ? fields[Number(m[1])] : undefined;
  const fieldTitle = titleOf(field);
  if (!fieldTitle) return undefined;
  const parts = [fieldTitle];
  if (m[2]) {
    const entries = (field as Record<string, unknown>)[m[2]];
    const entry = Array.isArray(entries) ? entries[Number(m[3])] : undefined;
    const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    const entryTitle = titleOf(entry);
    const level = m[2] === 'levels' && typeof value === 'number' ? `${value} · ` : '';
    parts.push(entryTitle ? `${level}${entryTitle}` : `${m[2] === 'levels' ? 'level' : 'option'} ${Number(m[3]) + 1}`);
  }
  if (m[4]) parts.push(m[4]);
  return parts.join(' › ');
}
