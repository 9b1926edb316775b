import { Badge, Button, Group, Modal, Progress, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { BatchSummary } from '../../../shared/api/types';
import { IconInfo } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { useOwner } from '../../stores/owner';
import { useBatchDetail } from './batchDetailStore';

// Every batch: its guideline version, size, progress; and, when a newer guideline version was
// published after it started, the owner's decision: continue under the batch's version, or re-queue
// it under the new one (its items go back to the raters).

function pct(b: BatchSummary) {
  return b.assignments ? (b.labeled / b.assignments) * 100 : 0;
}

export function BatchTable({ batches, highlight }: { batches: BatchSummary[]; highlight: string | null }) {
  const kept = useOwner((s) => s.kept);
  const [requeue, setRequeue] = useState<BatchSummary | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  return (
    <>
      <div className="cc-batch-table-card">
        <Table verticalSpacing={10} horizontalSpacing="md" className="cc-batch-table" data-testid="batch-list" data-count={batches.length}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Batch</Table.Th>
              <Table.Th>Guideline</Table.Th>
              <Table.Th ta="right">Items</Table.Th>
              <Table.Th ta="right">Assignments</Table.Th>
              <Table.Th w={260}>Labeled</Table.Th>
              <Table.Th ta="right">Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.map((b) => {
              const decided = b.newerVersion !== null && kept[b.batchId] === b.newerVersion;
              const open = b.newerVersion !== null && !decided;
              const p = pct(b);
              return (
                <Fragment key={b.batchId}>
                  <Table.Tr
                    data-testid="batch-row"
                    data-batch-id={b.batchId}
                    data-version={b.guideline.version}
                    data-newer={b.newerVersion ?? undefined}
                    data-new={highlight === b.batchId || undefined}
                    className={open ? 'cc-batch-row cc-batch-row-open' : 'cc-batch-row'}
                    onClick={(e) => {
                      // Its own buttons (Change) act alone; anywhere else on the row opens the batch.
                      if (!(e.target as Element).closest('button')) void useBatchDetail.getState().open(b.batchId);
                    }}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td maw={320}>
                      <UnstyledButton
                        className="cc-batch-open"
                        onClick={() => void useBatchDetail.getState().open(b.batchId)}
                        aria-label={`Open batch ${b.name}`}
                        data-testid="batch-open"
                      >
                        <Text size="sm" fw={600} className="cc-ellipsis" data-testid="batch-name-cell">
                          <SafeText text={b.name} />
                        </Text>
                      </UnstyledButton>
                      <Group gap={6} wrap="nowrap">
                        <Text size="xs" c="dimmed" className="cc-ellipsis" title={`${b.design}\nbatch ${b.batchId}`} data-testid="batch-design">
                          <SafeText text={b.design} />
                        </Text>
                        {highlight === b.batchId && (
                          <Badge size="xs" color="teal" variant="light" className="cc-badge-plain">
                            new
                          </Badge>
                        )}
                        {decided && (
                          <Text size="xs" c="dimmed" data-testid="batch-kept">
                            · continuing under {b.guideline.version} ({b.newerVersion} available){' '}
                            <Button size="compact-xs" variant="subtle" onClick={() => useOwner.getState().reopenDecision(b.batchId)} data-testid="batch-reconsider">
                              Change
                            </Button>
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="light" color={b.newerVersion ? 'yellow' : 'indigo'} radius="sm" className="cc-badge-plain cc-mono" data-testid="batch-version">
                          {b.guideline.version}
                        </Badge>
                        <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis">
                          <SafeText text={b.guideline.id} />
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" className="cc-batch-num">
                      {b.items.toLocaleString()}
                    </Table.Td>
                    <Table.Td ta="right" className="cc-batch-num">
                      {b.assignments.toLocaleString()}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={10} wrap="nowrap" data-testid="batch-progress">
                        <Progress value={p} size="md" radius="xl" color={p >= 100 ? 'teal' : 'indigo'} style={{ flex: 1 }} aria-label={`${Math.round(p)}% labeled`} />
                        <Text size="xs" c="dimmed" className="cc-batch-num" style={{ whiteSpace: 'nowrap', minWidth: 88, textAlign: 'right' }}>
                          <Text span size="xs" fw={650} c="var(--mantine-color-text)">
                            {b.labeled.toLocaleString()}
                          </Text>
                          /{b.assignments.toLocaleString()} · {Math.floor(p)}%
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Tooltip label={new Date(b.createdAt).toLocaleString()} openDelay={300}>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {new Date(b.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
                          <br />
                          {timeAgo(b.createdAt)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                  {open && b.newerVersion && (
                    <Table.Tr className="cc-batch-callout-row">
                      <Table.Td colSpan={6}>
                        <div className="cc-batch-callout" data-testid="batch-version-callout" data-batch-id={b.batchId}>
                          <IconInfo size={20} className="cc-batch-callout-icon" />
                          <div style={{ flex: 1, minWidth: 0 }}>
                            <Text size="sm" fw={600}>
                              <SafeText text={b.guideline.id} /> {b.newerVersion} was published after this batch started
                            </Text>
                            <Text size="xs" c="dimmed" mt={2}>
                              {b.labeled.toLocaleString()} of {b.assignments.toLocaleString()} assignments are labeled under {b.guideline.version}. Continue to keep the batch on{' '}
                              {b.guideline.version} (its labels stay comparable with each other), or re-queue it so every item is labeled under {b.newerVersion}.
                            </Text>
                          </div>
                          <Group gap={8} wrap="nowrap">
                            <Button
                              size="xs"
                              variant="default"
                              loading={busy === `c${b.batchId}`}
                              onClick={async () => {
                                setBusy(`c${b.batchId}`);
                                await useOwner.getState().continueBatch(b);
                                setBusy(null);
                              }}
                              data-testid="batch-continue"
                            >
                              Continue under {b.guideline.version}
                            </Button>
                            <Button size="xs" color="orange" variant="light" onClick={() => setRequeue(b)} data-testid="batch-requeue">
                              Re-queue under {b.newerVersion}
                            </Button>
                          </Group>
                        </div>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>

      <Modal
        opened={requeue !== null}
        onClose={() => setRequeue(null)}
        title={requeue ? `Re-queue “${requeue.name}” under ${requeue.newerVersion}?` : ''}
        centered
        size="md"
        data-testid="batch-requeue-dialog"
      >
        {requeue && (
          <>
            <Text size="sm">
              The batch moves from {requeue.guideline.id} {requeue.guideline.version} to {requeue.newerVersion}. Items labeled under {requeue.guideline.version} go back to the raters:
              every one of the {requeue.assignments.toLocaleString()} assignments is to be labeled again under {requeue.newerVersion}.
            </Text>
            <Text size="sm" c="dimmed" mt="sm">
              The {requeue.labeled.toLocaleString()} labels already made are kept, with the version they were made under; they no longer count toward this batch. This cannot be
              undone from here.
            </Text>
            <Group justify="flex-end" gap="xs" mt="lg">
              <Button variant="default" onClick={() => setRequeue(null)}>
                Cancel
              </Button>
              <Button
                color="orange"
                loading={busy === `r${requeue.batchId}`}
                onClick={async () => {
                  setBusy(`r${requeue.batchId}`);
                  const ok = await useOwner.getState().requeueBatch(requeue);
                  setBusy(null);
                  if (ok) setRequeue(null);
                }}
                data-testid="batch-requeue-confirm"
              >
                Re-queue {requeue.assignments.toLocaleString()} assignments
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </>
  );
}
