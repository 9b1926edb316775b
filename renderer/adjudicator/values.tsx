import type { ReactNode } from 'react';
import type { Split } from '../../shared/adjudication/prefill';
import type { Field } from '../../shared/guidelines/schema';
import { hasValue } from '../../shared/guidelines/labelValues';
import { SafeText } from '../content/SafeText';

// How a label value reads on the adjudication screen: option and level titles from the guideline,
// and anything the guideline does not know (a value from another version) as plain, inert text.

export interface ValuePart {
  key: string;
  title: string;
  /** The guideline knows this value. */
  known: boolean;
  critical?: boolean;
}

/** A field's value as its parts (one per selected option), in the guideline's order. */
export function valueParts(field: Field, value: unknown): ValuePart[] {
  if (!hasValue(value) && field.type !== 'boolean') return [];
  switch (field.type) {
    case 'multi_select': {
      const list = Array.isArray(value) ? value.map(String) : [String(value)];
      const order = field.options.map((o) => o.value);
      return [...list]
        .sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9))
        .map((v) => {
          const o = field.options.find((x) => x.value === v);
          return { key: v, title: o?.title ?? v, known: Boolean(o), critical: o?.critical };
        });
    }
    case 'single_choice': {
      const o = field.options.find((x) => x.value === value);
      return [{ key: String(value), title: o?.title ?? String(value), known: Boolean(o) }];
    }
    case 'ordinal': {
      const l = field.levels.find((x) => x.value === value);
      return [{ key: String(value), title: l ? `${l.value} · ${l.title}` : String(value), known: Boolean(l) }];
    }
    case 'boolean':
      return [{ key: String(value === true), title: value === true ? 'Yes' : 'No', known: true }];
    case 'text':
      return [{ key: 'text', title: String(value), known: true }];
  }
}

/** The definition of one value of a field, from the guideline's schema. */
export function valueDefinition(field: Field, key: string): { title: string; description: string } | null {
  if (field.type === 'multi_select' || field.type === 'single_choice') {
    const o = field.options.find((x) => x.value === key);
    return o ? { title: o.title, description: o.description } : null;
  }
  if (field.type === 'ordinal') {
    const l = field.levels.find((x) => String(x.value) === key);
    return l ? { title: `${l.value} · ${l.title}`, description: l.description } : null;
  }
  return null;
}

/** A compact rendering of a value for the raters' cards. */
export function ValueView({ field, value, emphasize }: { field: Field; value: unknown; emphasize?: (key: string) => boolean }): ReactNode {
  const parts = valueParts(field, value);
  if (!parts.length) return <span className="cc-adj-none">—</span>;
  if (field.type === 'text') {
    return (
      <span className="cc-adj-text">
        <SafeText text={parts[0].title} />
      </span>
    );
  }
  return (
    <span className="cc-adj-values">
      {parts.map((p) => (
        <span
          key={p.key}
          className="cc-adj-value"
          data-odd={emphasize?.(p.key) || undefined}
          data-critical={p.critical || undefined}
          data-unknown={!p.known || undefined}
          title={p.known ? undefined : 'Not a value of this guideline version'}
        >
          {p.known ? p.title : <SafeText text={p.title} />}
        </span>
      ))}
    </span>
  );
}

/**
 * What the final-label form says on a field the raters split on (left empty in the pre-fill):
 * "Tie: raters split 1-1 (Low / High); choose", or "No majority: ..." when one side leads without
 * holding more than half. For a multi-select, the options exactly half the raters chose.
 */
export function splitSummary(field: Field, split: Split, raters: number): string {
  const title = (key: string) => {
    if (field.type === 'boolean') return key === 'true' ? 'Yes' : 'No';
    const parts = valueParts(field, field.type === 'ordinal' ? Number(key) : key);
    return parts[0]?.title ?? key;
  };
  if (field.type === 'multi_select') {
    const counts = split.votes.map((v) => `${v.count}-${raters - v.count}`);
    const same = counts.every((c) => c === counts[0]);
    return `Tie: raters split ${same ? counts[0] : counts.join(', ')} on ${split.votes.map((v) => title(v.value)).join(' / ')}; choose`;
  }
  const tie = split.votes.length > 1 && split.votes[0].count === split.votes[1].count;
  return `${tie ? 'Tie' : 'No majority'}: raters split ${split.votes.map((v) => v.count).join('-')} (${split.votes.map((v) => title(v.value)).join(' / ')}); choose`;
}
