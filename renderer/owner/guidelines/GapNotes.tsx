import { Badge, Group, Text } from '@mantine/core';
import type { GuidelineVersionInfo } from '../../../shared/api/types';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';

// Gaps in the guideline that adjudicators flagged while resolving disagreements: the material for
// the next version.

export type GapNote = GuidelineVersionInfo['notes'][number];

export function GapNoteList({ notes, compact = false }: { notes: GapNote[]; compact?: boolean }) {
  return (
    <div className="cc-gl-notes" data-testid="gap-notes">
      {notes.map((n, i) => (
        <article key={i} className="cc-gl-note" data-testid="gap-note" data-compact={compact || undefined}>
          <Text size="sm" className="cc-gl-note-text" dir="auto">
            <SafeText text={n.note} />
          </Text>
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
              <SafeText text={n.author} /> · {timeAgo(n.at)}
            </Text>
          </Group>
        </article>
      ))}
    </div>
  );
}

export function GapNotesTab({ info }: { info: GuidelineVersionInfo }) {
  return (
    <div className="cc-gl-tabbody">
      <div className="cc-gl-scroll">
        <div className="cc-gl-diff">
          <Text size="sm" c="dimmed">
            Adjudicators flag a gap when {info.id} {info.version} did not settle a case. Address them in the next version (Draft new version); they stay listed
            here.
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
            <GapNoteList notes={info.notes} />
          )}
        </div>
      </div>
    </div>
  );
}
