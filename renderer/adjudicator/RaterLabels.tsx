import { Button, Switch, Text, Tooltip } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { AdjudicationItem } from '../../shared/api/types';
import { rubricAnchor } from '../../shared/guidelines/rubric';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { IconBook } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { fieldVotes, useAdjudication, voteKey } from '../stores/adjudication';
import { showInGuide } from './AdjudicationForm';
import { valueDefinition, ValueView } from './values';

// Every rater's label side by side: one card per rater, one row per field (rows line up across the
// cards), the fields in dispute tinted. Rationales are the raters' own words: shown as text only.

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

export const RaterLabels = memo(function RaterLabels({ item, pack }: { item: AdjudicationItem; pack: GuidelinePack }) {
  const anonymize = useAdjudication((s) => s.anonymize);
  const majority = useAdjudication((s) => s.majority);
  const disputed = new Set(item.fieldsInDispute);
  const fields = pack.fields;
  const n = item.labels.length;
  // In a field in dispute, the values outside the raters' majority stand out in the cards that have them.
  const inMajority = useMemo(() => {
    const out = new Map<string, Set<string>>();
    for (const f of fields) {
      const m = majority[f.key];
      out.set(f.key, new Set(Array.isArray(m) ? m.map(String) : m === undefined ? [] : [voteKey(m)]));
    }
    return out;
  }, [fields, majority]);

  return (
    <section className="cc-adj-section" aria-labelledby="adj-raters-title">
      <div className="cc-adj-section-head">
        <Text id="adj-raters-title" size="sm" fw={650}>
          Raters’ labels
        </Text>
        <Text size="xs" c="dimmed">
          {n} rater{n === 1 ? '' : 's'} · {item.guideline.id}@{item.guideline.version}
        </Text>
        <span style={{ flex: 1 }} />
        <Switch
          size="xs"
          label="Show rater names"
          checked={!anonymize}
          onChange={(e) => void useAdjudication.getState().setAnonymize(!e.currentTarget.checked)}
          data-testid="adj-anonymize"
          aria-keyshortcuts="Shift+N"
        />
      </div>
      <div className="cc-adj-grid" style={{ ['--cc-adj-n' as string]: n + (item.gold ? 1 : 0), ['--cc-adj-rows' as string]: fields.length + 1 }} data-testid="adj-rater-labels">
        <div className="cc-adj-grid-names" aria-hidden="true">
          <div className="cc-adj-cell cc-adj-cell-head" />
          {fields.map((f) => (
            <div key={f.key} className="cc-adj-cell cc-adj-cell-name" data-disputed={disputed.has(f.key) || undefined}>
              {f.title}
            </div>
          ))}
        </div>
        {item.labels.map((l, i) => (
          <div key={i} className="cc-adj-card" data-testid="adj-rater-label" data-rater={l.rater}>
            <div className="cc-adj-cell cc-adj-cell-head">
              <span className="cc-adj-avatar" aria-hidden="true">
                {anonymize ? String.fromCharCode(65 + (i % 26)) : initials(l.rater)}
              </span>
              <SafeText text={l.rater} className="cc-ellipsis cc-adj-rater-name" />
            </div>
            {fields.map((f) => (
              <div key={f.key} className="cc-adj-cell" data-field={f.key} data-disputed={disputed.has(f.key) || undefined}>
                <span className="cc-adj-cell-label">{f.title}</span>
                <ValueView field={f} value={l.values[f.key]} emphasize={(k) => disputed.has(f.key) && f.type !== 'text' && !(inMajority.get(f.key)?.has(k) ?? false)} />
              </div>
            ))}
            <div className="cc-adj-card-foot">
              <Tooltip label="Time this rater spent on the item" openDelay={400}>
                <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="adj-rater-time">
                  {duration(l.timeSpentMs)}
                </Text>
              </Tooltip>
              <span style={{ flex: 1 }} />
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                onClick={(e) => {
                  e.currentTarget.blur();
                  useAdjudication.getState().useRaterValues(i);
                }}
                data-testid="adj-use-label"
                title="Copy this rater’s label into the final label"
              >
                Use label
              </Button>
            </div>
          </div>
        ))}
        {item.gold && <GoldCard values={item.gold.values} pack={pack} disputed={disputed} />}
      </div>
    </section>
  );
});

/** A gold item's reference label, next to the raters' (owners and adjudicators only: raters never see it). */
function GoldCard({ values, pack, disputed }: { values: AdjudicationItem['labels'][number]['values']; pack: GuidelinePack; disputed: Set<string> }) {
  return (
    <div className="cc-adj-card cc-adj-card-gold" data-testid="adj-gold-label" role="group" aria-label="Gold reference label">
      <div className="cc-adj-cell cc-adj-cell-head">
        <span className="cc-adj-avatar cc-adj-avatar-gold" aria-hidden="true">
          ★
        </span>
        <span className="cc-ellipsis cc-adj-rater-name">Gold reference</span>
      </div>
      {pack.fields.map((f) => (
        <div key={f.key} className="cc-adj-cell" data-field={f.key} data-disputed={disputed.has(f.key) || undefined}>
          <span className="cc-adj-cell-label">{f.title}</span>
          <ValueView field={f} value={values[f.key]} emphasize={() => false} />
        </div>
      ))}
      <div className="cc-adj-card-foot">
        <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          set by an owner
        </Text>
        <span style={{ flex: 1 }} />
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={(e) => {
            e.currentTarget.blur();
            useAdjudication.setState({ values: { ...values } });
          }}
          data-testid="adj-use-gold"
          title="Copy the reference label into the final label"
        >
          Use label
        </Button>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => [...p][0]?.toUpperCase() ?? '').join('') || '?';
}

/** The guideline's definitions of the values the raters split on, per field in dispute. */
export const DisputeDefinitions = memo(function DisputeDefinitions({ item, pack }: { item: AdjudicationItem; pack: GuidelinePack }) {
  const guideOpen = useAdjudication((s) => s.guideOpen);
  const n = item.labels.length;
  const fields = pack.fields.filter((f) => item.fieldsInDispute.includes(f.key));
  if (!fields.length) return null;
  return (
    <section className="cc-adj-section" aria-labelledby="adj-guide-title" data-testid="adj-guideline">
      <div className="cc-adj-section-head">
        <Text id="adj-guide-title" size="sm" fw={650} style={{ whiteSpace: 'nowrap' }}>
          What the guideline says
        </Text>
        <Text size="xs" c="dimmed" className="cc-ellipsis" style={{ flex: 1 }}>
          on the values in dispute
        </Text>
        {!guideOpen && (
          <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconBook size={14} />} onClick={() => showInGuide(rubricAnchor(fields[0].key))} data-testid="adj-open-rubric" style={{ flex: 'none' }}>
            Full rubric <kbd className="cc-kbd-inline">Shift+R</kbd>
          </Button>
        )}
      </div>
      <div className="cc-adj-defs">
        {fields.map((f) => {
          const votes = fieldVotes(f, item.labels);
          const keys = [...votes.keys()];
          // Values in the guideline's order; for multi-select only those not every rater chose.
          const order = f.type === 'ordinal' ? f.levels.map((l) => String(l.value)) : f.type === 'multi_select' || f.type === 'single_choice' ? f.options.map((o) => o.value) : [];
          const inDispute = keys
            .filter((k) => f.type !== 'multi_select' || (votes.get(k) ?? 0) < n)
            .sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9));
          return (
            <div key={f.key} className="cc-adj-def-field" data-field={f.key}>
              <div className="cc-adj-def-title">{f.title}</div>
              {inDispute.map((k) => {
                const def = valueDefinition(f, k);
                const count = votes.get(k) ?? 0;
                return (
                  <div key={k} className="cc-adj-def">
                    <span className="cc-adj-vote" title={`${count} of ${n} raters`}>
                      {count}/{n}
                    </span>
                    <div className="cc-adj-def-text" title={def ? `${def.title} — ${def.description}` : undefined}>
                      {def ? (
                        <>
                          <strong>{def.title}</strong> — {def.description}
                        </>
                      ) : (
                        <>
                          <strong>{f.type === 'boolean' ? (k === 'true' ? 'Yes' : 'No') : <SafeText text={k} />}</strong>
                          {f.type === 'boolean' ? ` — ${f.description}` : ' — not a value of this guideline version'}
                        </>
                      )}
                    </div>
                    {def && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="indigo"
                        onClick={() => showInGuide(rubricAnchor(f.key, f.type === 'ordinal' ? Number(k) : k))}
                        aria-label={`Read ${def.title} in the rubric`}
                      >
                        Rubric
                      </Button>
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </section>
  );
});
