import { Badge, Button, Checkbox, Chip, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AdjudicationConflictView, ConflictDecision } from '../../../shared/api/team';
import type { Field, GuidelinePack } from '../../../shared/guidelines/schema';
import { ValueView } from '../../adjudicator/values';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { useTeam } from './teamStore';

// Conflicting adjudications, the decisions side by side (values, reasons, who, when), settled by
// choosing one or writing a new decision: an owner's adjudication.settled event that replaces them
// all, on this machine and on every one it reaches.

const fieldsOf = (pack: GuidelinePack | undefined, c: AdjudicationConflictView): Field[] =>
  pack?.fields ?? [...new Set(c.decisions.flatMap((d) => Object.keys(d.values)))].map((key) => ({ key, title: key, type: 'text' }) as Field);

export function ConflictsPanel({ conflicts }: { conflicts: AdjudicationConflictView[] }) {
  const packs = useTeam((s) => s.packs);
  return (
    <Stack gap="md" data-testid="conflicts">
      {conflicts.map((c) => (
        <ConflictCard key={c.sampleId} conflict={c} pack={packs[`${c.guideline.id}@${c.guideline.version}`]} />
      ))}
    </Stack>
  );
}

function ConflictCard({ conflict: c, pack }: { conflict: AdjudicationConflictView; pack: GuidelinePack | undefined }) {
  const settling = useTeam((s) => s.settling);
  const [writing, setWriting] = useState(false);
  const fields = fieldsOf(pack, c);
  const title = (key: string) => fields.find((f) => f.key === key)?.title ?? key;
  return (
    <div className="cc-conflict" data-testid="conflict" data-sample-id={c.sampleId}>
      <Group justify="space-between" wrap="nowrap" className="cc-conflict-head">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={650} className="cc-mono cc-ellipsis">
            <SafeText text={c.sampleId} />
          </Text>
          <Text size="xs" c="dimmed">
            {c.guideline.id} {c.guideline.version}
          </Text>
          {c.fieldsInDispute.map((k) => (
            <Badge key={k} size="xs" color="orange" variant="light" className="cc-badge-plain">
              {title(k)}
            </Badge>
          ))}
        </Group>
        <Button size="compact-sm" variant="default" onClick={() => setWriting(true)} disabled={settling === c.sampleId} data-testid="write-decision">
          Write a new decision…
        </Button>
      </Group>
      <div className="cc-conflict-sides" style={{ gridTemplateColumns: `repeat(${c.decisions.length}, minmax(0, 1fr))` }}>
        {c.decisions.map((d, i) => (
          <div key={d.adjudicationId} className="cc-conflict-side" data-testid="conflict-decision" data-adjudication={d.adjudicationId} data-adjudicator={d.adjudicator}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} className="cc-ellipsis">
                  <SafeText text={d.adjudicatorName} />
                </Text>
                <Text size="xs" c="dimmed" title={new Date(d.at).toLocaleString()}>
                  {new Date(d.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} · {timeAgo(d.at)}
                  {i === c.decisions.length - 1 ? ' · counts for now' : ''}
                </Text>
              </div>
              <Button size="compact-sm" loading={settling === c.sampleId} onClick={() => void useTeam.getState().settle({ sampleId: c.sampleId, choose: d.adjudicationId, reason: '' })} data-testid="choose-decision">
                Choose this
              </Button>
            </Group>
            <dl className="cc-conflict-values">
              {fields.map((f) => (
                <div key={f.key} data-disputed={c.fieldsInDispute.includes(f.key) || undefined}>
                  <dt>{f.title}</dt>
                  <dd>
                    <ValueView field={f} value={d.values[f.key]} />
                  </dd>
                </div>
              ))}
            </dl>
            <Text size="sm" className="cc-conflict-reason" data-testid="decision-reason">
              <SafeText text={d.reason} />
            </Text>
          </div>
        ))}
      </div>
      <NewDecisionModal opened={writing} onClose={() => setWriting(false)} conflict={c} fields={fields} />
    </div>
  );
}

function FieldInput({ field, value, onChange }: { field: Field; value: unknown; onChange: (v: unknown) => void }) {
  switch (field.type) {
    case 'multi_select':
      return (
        <Chip.Group multiple value={Array.isArray(value) ? value.map(String) : []} onChange={onChange}>
          <Group gap={6}>
            {field.options.map((o) => (
              <Chip key={o.value} value={o.value} size="xs">
                {o.title}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      );
    case 'single_choice':
      return <SegmentedControl size="xs" value={typeof value === 'string' ? value : ''} onChange={onChange} data={field.options.map((o) => ({ value: o.value, label: o.title }))} />;
    case 'ordinal':
      return (
        <SegmentedControl
          size="xs"
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(v) => onChange(Number(v))}
          data={field.levels.map((l) => ({ value: String(l.value), label: `${l.value} · ${l.title}` }))}
        />
      );
    case 'boolean':
      return <Checkbox checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} label={field.title} />;
    case 'text':
      return <Textarea autosize minRows={1} maxRows={4} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

function NewDecisionModal({ opened, onClose, conflict, fields }: { opened: boolean; onClose: () => void; conflict: AdjudicationConflictView; fields: Field[] }) {
  const newest: ConflictDecision = conflict.decisions[conflict.decisions.length - 1];
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...newest.values }));
  const [reason, setReason] = useState('');
  const settling = useTeam((s) => s.settling);
  const submit = async () => {
    if (await useTeam.getState().settle({ sampleId: conflict.sampleId, values, reason })) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`A new decision for ${conflict.sampleId}`} centered size="lg" data-testid="new-decision-dialog">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          It starts from the newer decision. It replaces both, with you as its author.
        </Text>
        {fields.map((f) => (
          <div key={f.key}>
            <Text size="sm" fw={600} mb={4}>
              {f.title}
              {conflict.fieldsInDispute.includes(f.key) && (
                <Badge ml={6} size="xs" color="orange" variant="light" className="cc-badge-plain">
                  In dispute
                </Badge>
              )}
            </Text>
            <FieldInput field={f} value={values[f.key]} onChange={(v) => setValues((s) => ({ ...s, [f.key]: v }))} />
          </div>
        ))}
        <Textarea label="Reason" placeholder="Why this is the item’s label (the raters and adjudicators can read it)" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="new-decision-reason" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={!reason.trim()} loading={settling === conflict.sampleId} data-testid="new-decision-submit">
            Settle with this decision
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
