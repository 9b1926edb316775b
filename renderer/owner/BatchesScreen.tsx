import { Alert, Button, Group, Loader, Switch, Text, Title, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AppHeader } from '../components/AppHeader';
import { IconPlus } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { useOwner } from '../stores/owner';
import { useSession } from '../stores/session';
import { BatchDetailView } from './batches/BatchDetailView';
import { useBatchDetail } from './batches/batchDetailStore';
import { BatchTable } from './batches/BatchTable';
import { NewBatchDrawer } from './batches/NewBatchDrawer';

// The evaluation owner's batches: what is being labeled, under which guideline version, how far
// along; new batches (sampling, overlap, gold, rater pool); and what to do with a batch when a newer
// guideline version is published while it runs.

export function BatchesScreen() {
  const batches = useOwner((s) => s.batches);
  const batchesError = useOwner((s) => s.batchesError);
  const lastCreated = useOwner((s) => s.lastCreated);
  const kept = useOwner((s) => s.kept);
  const info = useSession((s) => s.info);
  const [drawer, setDrawer] = useState(false);
  const openBatch = useBatchDetail((s) => s.batchId);

  useEffect(() => {
    const s = useOwner.getState();
    void s.loadBatches();
    void s.loadRaters();
    void useSession.getState().refreshInfo();
  }, []);

  const inBatches = (batches ?? []).reduce((s, b) => s + b.items, 0);
  const assignments = (batches ?? []).reduce((s, b) => s + b.assignments, 0);
  const labeled = (batches ?? []).reduce((s, b) => s + b.labeled, 0);
  const pending = (batches ?? []).filter((b) => b.newerVersion && kept[b.batchId] !== b.newerVersion).length;

  if (openBatch) {
    return (
      <>
        <AppHeader />
        <div className="cc-body" data-testid="batches-screen">
          <BatchDetailView />
        </div>
      </>
    );
  }

  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="batches-screen">
        <div className="cc-batch-page">
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl">
            <div style={{ minWidth: 0 }}>
              <Title order={3} fw={650}>
                Batches
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {info ? (
                  <>
                    New batches are labeled under{' '}
                    <span className="cc-mono cc-batch-strong">
                      <SafeText text={`${info.guideline.id} ${info.guideline.version}`} />
                    </span>
                    , the active guideline version.
                  </>
                ) : (
                  'Loading the workspace…'
                )}
              </Text>
            </div>
            <Group gap="lg" wrap="nowrap" style={{ flex: 'none' }}>
              <Tooltip
                multiline
                w={300}
                openDelay={300}
                label="Off by default: a rater who sees an automated score is anchored by it, and the human labels you calibrate the graders against stop being independent of them."
              >
                <Switch
                  label="Raters see grader scores"
                  checked={info?.graderScoresVisibleToRaters ?? false}
                  disabled={!info}
                  onChange={(e) => void useOwner.getState().setGraderScoresVisible(e.currentTarget.checked)}
                  data-testid="grader-scores-visible"
                />
              </Tooltip>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setDrawer(true)} data-testid="new-batch" disabled={!info}>
                New batch
              </Button>
            </Group>
          </Group>

          <div className="cc-batch-tiles">
            <Tile label="Samples in the workspace" value={info?.samples} />
            <Tile label="Not yet in a batch" value={info ? Math.max(0, info.samples - inBatches) : undefined} />
            <Tile label="Assignments labeled" value={batches ? labeled : undefined} total={batches ? assignments : undefined} />
            <Tile label="Batches" value={batches?.length} note={pending ? `${pending} ${pending === 1 ? 'needs' : 'need'} a version decision` : undefined} />
          </div>

          {batches === null ? (
            batchesError ? (
              <Alert color="red" title="Could not load the batches">
                <SafeText text={batchesError} />
                <Group mt="sm">
                  <Button size="xs" variant="light" color="red" onClick={() => void useOwner.getState().loadBatches()}>
                    Try again
                  </Button>
                </Group>
              </Alert>
            ) : (
              <Group gap="xs" p="md">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  Loading the batches…
                </Text>
              </Group>
            )
          ) : batches.length === 0 ? (
            <div className="cc-batch-empty" data-testid="batch-empty">
              <Text fw={650}>No batches yet</Text>
              <Text size="sm" c="dimmed" maw={460} ta="center">
                A batch draws samples (at random or stratified), decides how many raters label each one, mixes in gold items and spreads the work evenly over the rater pool.
              </Text>
              <Button mt="sm" leftSection={<IconPlus size={16} />} onClick={() => setDrawer(true)}>
                Create the first batch
              </Button>
            </div>
          ) : (
            <BatchTable batches={[...batches].reverse()} highlight={lastCreated?.batchId ?? null} />
          )}
        </div>
      </div>
      <NewBatchDrawer opened={drawer} onClose={() => setDrawer(false)} />
    </>
  );
}

function Tile({ label, value, total, note }: { label: string; value: number | undefined; total?: number; note?: string }) {
  return (
    <div className="cc-batch-tile">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div className="cc-batch-tile-value">
        {value === undefined ? '–' : value.toLocaleString()}
        {total !== undefined && <span className="cc-batch-tile-total"> / {total.toLocaleString()}</span>}
      </div>
      {note && (
        <Text size="xs" c="orange.8" fw={600} data-testid="batch-decisions-pending">
          {note}
        </Text>
      )}
    </div>
  );
}
