import { Alert, Badge, Button, Group, Loader, SegmentedControl, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FlagView } from '../../shared/api/types';
import { AppHeader } from '../components/AppHeader';
import { IconCheck } from '../components/icons';
import { ProfileAvatar } from '../components/ProfileAvatar';
import { OutputPreview } from '../content/OutputPreview';
import { SafeText } from '../content/SafeText';
import { timeAgo } from '../lib/time';
import { useFlags, type FlagStatus } from './flagsStore';

// The Flagged view, for owners and adjudicators: every flag a rater raised, with their comment, who
// raised it and on which item; resolving one answers the rater with a note and gives the item back
// to them to label. Beside it, what each rater has skipped and flagged, so neither vanishes.

export function FlaggedScreen() {
  const view = useFlags((s) => s.view);
  const status = useFlags((s) => s.status);
  const error = useFlags((s) => s.error);

  useEffect(() => {
    void useFlags.getState().load();
  }, []);

  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="flagged-screen">
        <div className="cc-batch-page cc-flagged-page" role="region" aria-label="Flagged">
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl">
            <div style={{ minWidth: 0 }}>
              <Title order={3} fw={650}>
                Flagged
              </Title>
              <Text size="sm" c="dimmed" mt={4} maw={620}>
                What raters flagged, in their words. Resolve a flag with a note: the item goes back to the rater’s queue with your answer.
              </Text>
            </div>
            <SegmentedControl
              value={status}
              onChange={(v) => void useFlags.getState().load(v as FlagStatus)}
              data={[
                { value: 'open', label: `Open${view ? ` · ${view.open}` : ''}` },
                { value: 'resolved', label: `Resolved${view ? ` · ${view.resolved}` : ''}` },
                { value: 'all', label: 'All' },
              ]}
              data-testid="flag-status"
              aria-label="Which flags"
            />
          </Group>

          <div className="cc-flagged-grid">
            <section aria-label="Flags" data-testid="flag-list" data-count={view?.flags.length}>
              {view === null ? (
                error ? (
                  <Alert color="red" title="Could not load the flags">
                    <SafeText text={error} />
                  </Alert>
                ) : (
                  <Group gap="xs" p="md">
                    <Loader size="sm" />
                    <Text size="sm" c="dimmed">
                      Loading the flags…
                    </Text>
                  </Group>
                )
              ) : view.flags.length === 0 ? (
                <div className="cc-batch-empty" data-testid="flags-empty">
                  <span className="cc-adj-empty-mark" aria-hidden="true">
                    <IconCheck size={24} />
                  </span>
                  <Text fw={650}>{status === 'open' ? 'No open flags' : status === 'resolved' ? 'No resolved flags yet' : 'No flags yet'}</Text>
                  <Text size="sm" c="dimmed" maw={420} ta="center">
                    {status === 'open'
                      ? 'When a rater flags an item (f on the label screen) with what is wrong, it shows here until someone resolves it.'
                      : 'Flags you or another reviewer resolved show here, with the note the rater got.'}
                  </Text>
                </div>
              ) : (
                <div className="cc-flag-cards">
                  {view.flags.map((f) => (
                    <FlagCard key={f.flagId} flag={f} />
                  ))}
                </div>
              )}
            </section>
            <RaterTally />
          </div>
        </div>
      </div>
    </>
  );
}

function FlagCard({ flag }: { flag: FlagView }) {
  const resolving = useFlags((s) => s.resolving === flag.flagId);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const submit = async () => {
    setTried(true);
    if (!note.trim()) return;
    if (await useFlags.getState().resolve(flag, note.trim())) setOpen(false);
  };

  return (
    <article
      className="cc-flag-card"
      data-testid="flag-card"
      data-rater={flag.raterId}
      data-sample-id={flag.sampleId}
      data-resolved={flag.resolution ? true : undefined}
      aria-label={`Flag by ${flag.raterName} on ${flag.sampleId}`}
    >
      <div className="cc-flag-card-head">
        <ProfileAvatar name={flag.raterName} size={30} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap={8} wrap="nowrap">
            <Text size="sm" fw={650} className="cc-ellipsis">
              <SafeText text={flag.raterName} />
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              flagged <span title={new Date(flag.at).toLocaleString()}>{timeAgo(flag.at)}</span>
            </Text>
          </Group>
          <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis" data-testid="flag-sample">
            <SafeText text={flag.sampleId} />
          </Text>
        </div>
        {flag.resolution ? (
          <Badge color="teal" variant="light" radius="sm" className="cc-badge-plain" leftSection={<IconCheck size={12} />}>
            Resolved
          </Badge>
        ) : (
          !open && (
            <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="flag-resolve">
              Resolve
            </Button>
          )
        )}
      </div>
      <blockquote className="cc-flag-comment" data-testid="flag-comment">
        <SafeText text={flag.comment} />
      </blockquote>
      <div className="cc-flag-preview">
        <Text span size="xs" c="dimmed" fw={600}>
          Output
        </Text>
        <span className="cc-ellipsis">
          <OutputPreview text={flag.preview} warning={flag.contentWarning} />
        </span>
      </div>
      {flag.resolution && (
        <div className="cc-flag-resolution" data-testid="flag-resolution">
          <Text size="xs" c="dimmed">
            <SafeText text={flag.resolution.byName} /> answered <span title={new Date(flag.resolution.at).toLocaleString()}>{timeAgo(flag.resolution.at)}</span>
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <SafeText text={flag.resolution.note} />
          </Text>
        </div>
      )}
      {open && !flag.resolution && (
        <form
          className="cc-flag-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="flag-resolve-form"
        >
          <Textarea
            label={`Note for ${flag.raterName}`}
            description="They see it on the item, which is back in their queue to label."
            placeholder="What to do with it: which rubric rule applies, what to look for."
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={4000}
            error={tried && !note.trim() ? 'Write the note the rater will see' : undefined}
            data-autofocus
            autoFocus
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
              if (e.key === 'Escape') setOpen(false);
            }}
            data-testid="flag-note"
          />
          <Group justify="flex-end" gap="xs" mt={8}>
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button size="xs" type="submit" loading={resolving} data-testid="flag-resolve-submit">
              Resolve and return to {flag.raterName}
            </Button>
          </Group>
        </form>
      )}
    </article>
  );
}

/** Skips and open flags per rater: what they left, so it reaches someone. */
function RaterTally() {
  const view = useFlags((s) => s.view);
  const raters = view?.raters ?? [];
  return (
    <aside className="cc-flag-tally" aria-label="Skipped and flagged per rater" data-testid="rater-tally">
      <Text size="sm" fw={650}>
        Per rater
      </Text>
      <Text size="xs" c="dimmed" mb={8}>
        Items skipped and not labeled since, and open flags.
      </Text>
      <div className="cc-flag-tally-head" aria-hidden="true">
        <span>Rater</span>
        <span>Skipped</span>
        <span>Flagged</span>
      </div>
      {raters.length === 0 ? (
        <Text size="xs" c="dimmed" py={6}>
          {view ? 'No raters yet.' : '…'}
        </Text>
      ) : (
        raters.map((r) => (
          <div key={r.raterId} className="cc-flag-tally-row" data-testid="rater-tally-row" data-rater={r.raterId} data-skipped={r.skipped} data-flagged={r.flagged}>
            <Tooltip label={r.raterId} openDelay={400}>
              <span className="cc-ellipsis">
                <SafeText text={r.name} />
              </span>
            </Tooltip>
            <span className="cc-batch-num" data-zero={r.skipped === 0 || undefined}>
              {r.skipped}
            </span>
            <span className="cc-batch-num" data-zero={r.flagged === 0 || undefined}>
              {r.flagged}
            </span>
          </div>
        ))
      )}
    </aside>
  );
}
