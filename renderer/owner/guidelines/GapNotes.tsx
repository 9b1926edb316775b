import { Badge, Button, Group, Select, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { GapNoteView, GuidelineVersionInfo } from '../../../shared/api/types';
import { compareSemver } from '../../../shared/guidelines/semver';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { useOwner } from '../../stores/owner';

// Gaps in the guideline that adjudicators flagged while resolving disagreements: the material for
// the next version. The owner resolves each (how, and the version that addresses it); resolved
// notes stay listed, apart.

export type GapNote = GapNoteView;

function NoteMeta({ n }: { n: GapNote }) {
  return (
    <Group gap={8} mt={6} wrap="wrap">
      {n.field && (
        <Badge size="xs" variant="light" color="indigo" className="cc-badge-plain">
          <SafeText text={n.field} />
        </Badge>
      )}
      {n.sampleId && (
        <Text span size="xs" c="dimmed" className="cc-mono">
          <SafeText text={n.sampleId} />
        </Text>
      )}
      <Text span size="xs" c="dimmed">
        <SafeText text={n.authorName} /> · {timeAgo(n.at)}
      </Text>
    </Group>
  );
}

function ResolveForm({ note, versions, onDone }: { note: GapNote; versions: string[]; onDone: () => void }) {
  const [text, setText] = useState('');
  const [addressedIn, setAddressedIn] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const ok = await useOwner.getState().resolveGap(note.id, text, addressedIn);
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <div data-testid="gap-resolve-form">
      <div className="cc-gl-resolve-form">
        <Textarea
          label="How is it settled?"
          placeholder="e.g. 1.2.0 adds a section on satire: label the target, not the tone."
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          data-autofocus
          data-testid="gap-resolve-note"
        />
        <Select
          label="Addressed in"
          placeholder="No new version needed"
          data={versions}
          value={addressedIn}
          onChange={setAddressedIn}
          clearable
          comboboxProps={{ withinPortal: true }}
          classNames={{ input: 'cc-mono' }}
          data-testid="gap-resolve-version"
        />
      </div>
      <Group justify="flex-end" gap="xs" mt={8}>
        <Button size="xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button size="xs" color="teal" disabled={!text.trim()} loading={busy} onClick={() => void submit()} data-testid="gap-resolve-submit">
          Resolve
        </Button>
      </Group>
    </div>
  );
}

/** Open gap notes; with `versions` (those that can address them), each can be resolved. */
export function GapNoteList({ notes, compact = false, versions }: { notes: GapNote[]; compact?: boolean; versions?: string[] }) {
  const [resolving, setResolving] = useState<string | null>(null);
  return (
    <div className="cc-gl-notes" data-testid="gap-notes">
      {notes.map((n) => (
        <article key={n.id} className="cc-gl-note" data-testid="gap-note" data-compact={compact || undefined}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" className="cc-gl-note-text" dir="auto">
                <SafeText text={n.note} />
              </Text>
              <NoteMeta n={n} />
            </div>
            {versions && resolving !== n.id && (
              <Button size="compact-xs" variant="light" color="teal" onClick={() => setResolving(n.id)} data-testid="gap-resolve">
                Resolve…
              </Button>
            )}
          </Group>
          {versions && resolving === n.id && <ResolveForm note={n} versions={versions} onDone={() => setResolving(null)} />}
        </article>
      ))}
    </div>
  );
}

function ResolvedNoteList({ notes }: { notes: GapNote[] }) {
  return (
    <div className="cc-gl-notes" data-testid="gap-notes-resolved">
      {notes.map((n) => (
        <article key={n.id} className="cc-gl-note" data-testid="gap-note-resolved" data-resolved>
          <Text size="sm" className="cc-gl-note-text" dir="auto">
            <SafeText text={n.note} />
          </Text>
          <NoteMeta n={n} />
          {n.resolution && (
            <div className="cc-gl-resolution" data-testid="gap-resolution">
              <Text size="sm" className="cc-gl-note-text" dir="auto">
                <SafeText text={n.resolution.note} />
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                Resolved by <SafeText text={n.resolution.byName} /> · {timeAgo(n.resolution.at)}
                {n.resolution.addressedIn ? (
                  <>
                    {' '}
                    · addressed in <span className="cc-mono">{n.resolution.addressedIn}</span>
                  </>
                ) : (
                  ' · no new version needed'
                )}
              </Text>
            </div>
          )}
        </article>
      ))}
    </div>
  );
}

export function GapNotesTab({ info }: { info: GuidelineVersionInfo }) {
  const versions = useOwner((s) => s.versions);
  const open = info.notes.filter((n) => !n.resolution);
  const resolved = info.notes.filter((n) => n.resolution);
  // A gap is addressed by the version it was flagged against (already covered) or a later one.
  const addressing = (versions ?? [])
    .filter((v) => v.id === info.id && compareSemver(v.version, info.version) >= 0)
    .map((v) => v.version)
    .sort(compareSemver)
    .reverse();
  return (
    <div className="cc-gl-tabbody">
      <div className="cc-gl-scroll">
        <div className="cc-gl-diff">
          <Text size="sm" c="dimmed">
            Adjudicators flag a gap when {info.id} {info.version} did not settle a case. Address them in the next version (Draft new version), then resolve each here:
            how it is settled, and the version that does it.
          </Text>
          {info.notes.length === 0 ? (
            <div className="cc-gl-empty" data-testid="gap-notes-empty">
              <Text size="sm" fw={600}>
                No gap notes for {info.version}
              </Text>
              <Text size="sm" c="dimmed">
                When an adjudicator finds a case the rubric does not settle, their note appears here.
              </Text>
            </div>
          ) : (
            <>
              <div className="cc-section-label cc-gl-notes-group">Open · {open.length}</div>
              {open.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="gap-notes-none-open">
                  Every gap flagged against {info.version} is resolved.
                </Text>
              ) : (
                <GapNoteList notes={open} versions={addressing} />
              )}
              {resolved.length > 0 && (
                <>
                  <div className="cc-section-label cc-gl-notes-group">Resolved · {resolved.length}</div>
                  <ResolvedNoteList notes={resolved} />
                </>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
