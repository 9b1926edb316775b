// The canonical sample of one sample (one epoch) of an Inspect AI evaluation log, read the way
// Inspect itself reads it (inspect_ai/log/_log.py EvalSample, inspect_ai/scorer/_metric.py).
import type { ChatMessage, SampleInput } from './schema';

type Json = Record<string, unknown>;

/** What the log's header (header.json, or _journal/start.json while it is written) says of the eval. */
export interface InspectEval {
  task: string;
  taskId: string;
  runId: string;
  /** Newer logs only (Inspect >= 0.3.7x). */
  evalId: string | null;
  model: string | null;
}

/** Where a sample came from in Inspect's terms, kept under `metadata.inspect` (export matches on it). */
export interface InspectProvenance {
  task: string;
  task_id: string;
  run_id: string;
  eval_id: string | null;
  /** The sample id as Inspect has it: an integer or a string. */
  id: string | number;
  epoch: number;
  target: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Reads the eval spec out of a header (or journal start) document; throws when it is not one. */
export function inspectEval(header: unknown): InspectEval {
  const spec = isObject(header) ? header.eval : undefined;
  if (!isObject(spec) || typeof spec.task !== 'string' || typeof spec.run_id !== 'string') {
    throw new Error('not an Inspect log: no "eval" spec with a task and a run_id');
  }
  return {
    task: spec.task,
    taskId: str(spec.task_id),
    runId: spec.run_id,
    evalId: typeof spec.eval_id === 'string' && spec.eval_id !== '' ? spec.eval_id : null,
    model: typeof spec.model === 'string' ? spec.model : null,
  };
}

/**
 * The workspace id of a sample: unique across runs (the eval id, or the run and task ids in logs
 * older than eval ids), stable across imports of the same log.
 */
export function inspectSampleKey(ev: InspectEval, id: string | number, epoch: number): string {
  return `${ev.evalId ?? `${ev.runId}.${ev.taskId}`}:${String(id)}:${epoch}`;
}

// Inspect's default grades (inspect_ai/scorer/_metric.py: CORRECT, INCORRECT, PARTIAL, NOANSWER).
const CORRECT = 'C';
const INCORRECT = 'I';
const PARTIAL = 'P';
const NOANSWER = 'N';

// Python's float() syntax for finite numbers (digits with optional underscores, a point, an exponent).
const PY_FLOAT = /^\s*[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?\s*$/;

/**
 * A scalar score value as a number, as Inspect's value_to_float() maps it (inspect_ai/scorer/_metric.py):
 * numbers and booleans as they are; "C" 1, "P" 0.5, "I" and "N" 0; "yes"/"true" 1 and "no"/"false" 0
 * (any case); a string holding a finite number, that number; anything else 0 (Inspect warns).
 * NaN, Inspect's "unscored", stays NaN; null (a NaN the log wrote bare, see looseJson.ts) is NaN too.
 */
export function valueToFloat(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === CORRECT) return 1;
  if (value === PARTIAL) return 0.5;
  if (value === INCORRECT || value === NOANSWER) return 0;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'yes' || v === 'true') return 1;
    if (v === 'no' || v === 'false') return 0;
    if (PY_FLOAT.test(v)) return Number(v.replace(/_/g, ''));
  }
  return 0;
}

/**
 * The automated scores as numbers: each scorer's value through valueToFloat, a dict-valued score
 * flattened as `scorer.key`. Unscored values (NaN, null) and list values (no single number) are left out.
 */
export function inspectScores(scores: unknown): Record<string, number> | undefined {
  if (!isObject(scores)) return undefined;
  const out: Record<string, number> = {};
  const put = (key: string, v: unknown) => {
    if (Array.isArray(v)) return;
    const x = valueToFloat(v);
    if (Number.isFinite(x)) out[key] = x;
  };
  for (const [name, score] of Object.entries(scores)) {
    if (!isObject(score)) continue;
    const value = score.value;
    if (isObject(value)) for (const [k, v] of Object.entries(value)) put(`${name}.${k}`, v);
    else put(name, value);
  }
  return Object.keys(out).length ? out : undefined;
}

const ATTACHMENT = 'attachment://';

/** Replaces `attachment://HASH` strings (Inspect's condensed content) with the sample's attachments, deeply. */
export function resolveAttachments<T>(value: T, attachments: Record<string, unknown>): T {
  if (typeof value === 'string') {
    if (!value.startsWith(ATTACHMENT)) return value;
    const content = attachments[value.slice(ATTACHMENT.length)];
    return (typeof content === 'string' ? content : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, attachments)) as T;
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveAttachments(v, attachments);
    return out as T;
  }
  return value;
}

/** A message's content as text: text parts joined, other media named in brackets. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const c of content) {
    if (typeof c === 'string') parts.push(c);
    else if (!isObject(c)) continue;
    else if (c.type === 'text') parts.push(str(c.text));
    else if (c.type === 'reasoning') continue; // the model's reasoning is not its answer
    else if (c.type === 'image' || c.type === 'audio' || c.type === 'video') parts.push(`[${c.type}]`);
    else if (c.type === 'document') parts.push(`[document${typeof c.filename === 'string' ? `: ${c.filename}` : ''}]`);
    else if (c.type === 'tool_use') parts.push(`[tool use: ${str(c.name) || str(c.tool_type) || 'tool'}]`);
  }
  return parts.join('\n');
}

/** One Inspect chat message as a canonical {role, content}: tool calls and tool errors shown as text. */
function chatMessage(m: Json): ChatMessage {
  const lines = [contentText(m.content)];
  if (Array.isArray(m.tool_calls)) {
    for (const call of m.tool_calls) {
      if (!isObject(call)) continue;
      lines.push(`[tool call] ${str(call.function) || 'tool'}(${JSON.stringify(call.arguments ?? {})})`);
    }
  }
  if (m.role === 'tool' && isObject(m.error)) lines.push(`[tool error${typeof m.error.type === 'string' ? `: ${m.error.type}` : ''}] ${str(m.error.message)}`);
  return { role: typeof m.role === 'string' && m.role !== '' ? m.role : 'user', content: lines.filter((l) => l !== '').join('\n') };
}

const messagesOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The canonical sample of one Inspect sample: the conversation up to the model's final reply as the
 * input (or the sample's input when it has no messages), the final answer as the output, the eval's
 * model, the scores as numbers, and the sample's metadata with its Inspect provenance under `inspect`.
 * Throws with what is wrong when the sample has no id or epoch.
 */
export function inspectSampleRow(ev: InspectEval, raw: unknown): Json {
  if (!isObject(raw)) throw new Error('a sample must be a JSON object');
  const id = raw.id;
  if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isSafeInteger(id)))) throw new Error('the sample has no "id" (an integer or a string)');
  const epoch = raw.epoch;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch)) throw new Error(`sample ${JSON.stringify(id)}: no integer "epoch"`);
  const attachments = isObject(raw.attachments) ? raw.attachments : {};
  const resolve = <T>(v: T) => resolveAttachments(v, attachments);

  const messages = messagesOf(resolve(raw.messages));
  const lastReply = messages.findLastIndex((m) => m.role === 'assistant');
  const output = resolve(raw.output);
  const completion = isObject(output) ? output.completion : undefined;
  let answer: string;
  if (typeof completion === 'string') answer = completion;
  else if (lastReply >= 0) answer = contentText(messages[lastReply].content);
  else {
    const choice = isObject(output) && Array.isArray(output.choices) && isObject(output.choices[0]) ? output.choices[0].message : undefined;
    answer = isObject(choice) ? contentText(choice.content) : '';
  }

  const conversation = (lastReply >= 0 ? messages.slice(0, lastReply) : messages).map(chatMessage);
  const sampleInput = resolve(raw.input);
  let input: SampleInput;
  if (conversation.length) input = conversation;
  else if (typeof sampleInput === 'string') input = sampleInput;
  else {
    const chat = messagesOf(sampleInput).map(chatMessage);
    input = chat.length ? chat : '';
  }

  const provenance: InspectProvenance = { task: ev.task, task_id: ev.taskId, run_id: ev.runId, eval_id: ev.evalId, id, epoch, target: resolve(raw.target) ?? null };
  const metadata = isObject(raw.metadata) ? resolve(raw.metadata) : {};
  const row: Json = { id: inspectSampleKey(ev, id, epoch), input, output: answer };
  if (ev.model) row.model = ev.model;
  row.metadata = { ...metadata, inspect: provenance };
  const scores = inspectScores(raw.scores);
  if (scores) row.scores = scores;
  return row;
}

/** The Inspect provenance a stored row carries (rows imported from Inspect logs), or undefined. */
export function inspectProvenance(row: unknown): InspectProvenance | undefined {
  const meta = isObject(row) ? row.metadata : undefined;
  const p = isObject(meta) ? meta.inspect : undefined;
  if (!isObject(p) || (typeof p.id !== 'string' && typeof p.id !== 'number') || typeof p.epoch !== 'number' || typeof p.run_id !== 'string') return undefined;
  return p as unknown as InspectProvenance;
}
