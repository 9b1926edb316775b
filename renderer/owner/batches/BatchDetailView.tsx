import { Alert, Badge, Button, Group, Loader, Progress, Table, Text, Title, Tooltip } from '@mantine/core';
import type { BatchDetail, ItemState } from '../../../shared/api/types';
import { IconArrowLeft } from '../../components/icons';
import { OutputPreview } from '../../content/OutputPreview';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { useAdjudication } from '../../stores/adjudication';
import { useSession } from '../../stores/session';
import { FieldCards } from '../dashboard/FieldCards';
import { fmtCount } from '../dashboard/format';
import { useBatchDetail } from './batchDetailStore';

// One batch, opened from the list: how far along it is, the agreement on its labels alone, each
// rater's progress (labeled, skipped, flagged), and every item with each assigned rater's state.
// An item opens on the adjudication screen, where an owner can also mark it as gold.

const STATE_LOOK: Record<ItemState, { label: string; className: string }> = {
  done: { label: 'labeled', className: 'cc-cell-done' },
  todo: { label: 'to do', className: 'cc-cell-todo' },
  skipped: { label: 'skipped', className: 'cc-cell-skipped' },
  flagged: { label: 'flagged', className: 'cc-cell-flagged' },
};

export function BatchDetailView() {
  const detail = useBatchDetail((s) => s.detail);
  const error = useBatchDetail((s) => s.error);
  const back = (
    <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={() => useBatchDetail.getState().close()} data-testid="batch-back">
      All batches
    </Button>
  );
  if (!detail) {
    return (
      <div className="cc-batch-page" data-testid="batch-detail">
        <div>{back}</div>
        {error ? (
          <Alert color="red" title="Could not open the batch" mt="md">
            <SafeText text={error} />
          </Alert>
        ) : (
          <Group gap="xs" p="md">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Opening the batch…
            </Text>
          </Group>
        )}
      </div>
    );
  }
  const b = detail.batch;
  const pct = b.assignments ? (b.labeled / b.assignments) * 100 : 0;
  const gold = detail.items.filter((i) => i.gold).length;
  const skipped = detail.raters.reduce((s, r) => s + r.skipped, 0);
  const flagged = detail.raters.reduce((s, r) => s + r.flagged, 0);

  return (
    <div className="cc-batch-page" data-testid="batch-detail" data-batch-id={b.batchId} role="region" aria-label={`Batch ${b.name}`}>
      <div>{back}</div>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl" mt={4}>
        <div style={{ minWidth: 0 }}>
          <Group gap={10} wrap="nowrap">
            <Title order={3} fw={650} className="cc-ellipsis" data-testid="batch-detail-name">
              <SafeText text={b.name} />
            </Title>
            <Badge variant="light" color={b.newerVersion ? 'yellow' : 'indigo'} radius="sm" className="cc-badge-plain cc-mono">
              <SafeText text={`${b.guideline.id} ${b.guideline.version}`} />
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mt={4} className="cc-ellipsis">
            <SafeText text={b.design} /> · created {timeAgo(b.createdAt)}
          </Text>
        </div>
      </Group>

      <div className="cc-batch-tiles">
        <Tile label="Items" value={fmtCount(b.items)} note={gold ? `${gold} gold` : undefined} />
        <Tile label="Raters" value={fmtCount(detail.raters.length)} />
        <div className="cc-batch-tile" data-testid="batch-detail-progress">
          <Text size="xs" c="dimmed">
            Assignments labeled
          </Text>
          <div className="cc-batch-tile-value">
            {fmtCount(b.labeled)}
            <span className="cc-batch-tile-total"> / {fmtCount(b.assignments)}</span>
          </div>
          <Progress value={pct} size="sm" radius="xl" mt={6} color={pct >= 100 ? 'teal' : 'indigo'} aria-label={`${Math.round(pct)}% labeled`} />
        </div>
        <Tile label="Skipped · flagged" value={`${skipped} · ${flagged}`} />
      </div>

      <BatchAgreement />

      <div className="cc-batch-detail-grid">
        <RaterProgress detail={detail} />
        <ItemTable detail={detail} />
      </div>
    </div>
  );
}

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="cc-batch-tile">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div className="cc-batch-tile-value">{value}</div>
      {note && (
        <Text size="xs" c="yellow.8" fw={600}>
          {note}
        </Text>
      )}
    </div>
  );
}

/** Krippendorff's alpha per field on this batch's labels alone, with what it is computed on. */
function BatchAgreement() {
  const agreement = useBatchDetail((s) => s.agreement);
  const error = useBatchDetail((s) => s.agreementError);
  const counts = agreement?.report.counts;
  return (
    <section className="cc-batch-detail-section" aria-label="Agreement on this batch" data-testid="batch-agreement">
      <Group gap={8} align="baseline" mb={8}>
        <Text size="sm" fw={650}>
          Agreement on this batch
        </Text>
        {counts && (
          <Text size="xs" c="dimmed" data-testid="batch-agreement-scope">
            computed on {fmtCount(counts.labels)} labels of {fmtCount(counts.items)} items by {counts.raters} raters; {fmtCount(counts.pairableItems)} items have 2 or more
            raters (the n of alpha) · 95% bootstrap CI, 200 resamples
          </Text>
        )}
      </Group>
      {error ? (
        <Text size="sm" c="dimmed">
          <SafeText text={error} />
        </Text>
      ) : !agreement ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Computing agreement…
          </Text>
        </Group>
      ) : (
        <FieldCards fields={agreement.report.fields} threshold={agreement.threshold} />
      )}
    </section>
  );
}

function RaterProgress({ detail }: { detail: BatchDetail }) {
  return (
    <section className="cc-batch-table-card" aria-label="Raters of this batch" data-testid="batch-detail-raters">
      <Table verticalSpacing={8} horizontalSpacing="sm" className="cc-batch-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rater</Table.Th>
            <Table.Th w={120}>Labeled</Table.Th>
            <Table.Th ta="right">Skipped</Table.Th>
            <Table.Th ta="right">Flagged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.raters.map((r) => {
            const p = r.assigned ? (r.labeled / r.assigned) * 100 : 0;
            return (
              <Table.Tr key={r.raterId} data-testid="batch-rater-row" data-rater={r.raterId} data-labeled={r.labeled} data-assigned={r.assigned}>
                <Table.Td maw={150}>
                  <Text size="sm" fw={600} className="cc-ellipsis">
                    <SafeText text={r.name} />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" className="cc-batch-num">
                    {r.labeled}/{r.assigned}
                  </Text>
                  <Progress value={p} size="xs" radius="xl" color={p >= 100 ? 'teal' : 'indigo'} aria-label={`${Math.round(p)}% labeled`} />
                </Table.Td>
                <Table.Td ta="right" className="cc-batch-num">
                  {r.skipped}
                </Table.Td>
                <Table.Td ta="right" className="cc-batch-num">
                  {r.flagged}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** Every item of the batch with each assigned rater's state; a row opens the item for adjudication (and gold). */
function ItemTable({ detail }: { detail: BatchDetail }) {
  const names = new Map(detail.raters.map((r) => [r.raterId, r.name]));
  const openItem = async (sampleId: string) => {
    if (await useAdjudication.getState().open(sampleId)) useSession.getState().go('adjudicate');
  };
  return (
    <section className="cc-batch-table-card cc-batch-items" aria-label="Items of this batch" data-testid="batch-detail-items">
      <Table verticalSpacing={6} horizontalSpacing="sm" className="cc-batch-table" stickyHeader highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Item</Table.Th>
            <Table.Th>Output</Table.Th>
            <Table.Th w={200}>Raters</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.items.map((i) => (
            <Table.Tr key={i.sampleId} data-testid="batch-item-row" data-sample-id={i.sampleId} data-gold={i.gold || undefined} onClick={() => void openItem(i.sampleId)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" className="cc-mono cc-ellipsis">
                    <SafeText text={i.sampleId} />
                  </Text>
                  {i.gold && (
                    <Tooltip label="Gold item: has a reference label" openDelay={300}>
                      <Badge size="xs" color="yellow" variant="light" className="cc-badge-plain">
                        gold
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td maw={0}>
                <Text size="xs" c="dimmed" className="cc-ellipsis">
                  <OutputPreview text={i.preview} warning={i.contentWarning} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {i.raters.map((r) => (
                    <Tooltip key={r.raterId} label={`${names.get(r.raterId) ?? r.raterId}: ${STATE_LOOK[r.state].label}`} openDelay={200}>
                      <span className={`cc-cell-state ${STATE_LOOK[r.state].className}`} data-rater={r.raterId} data-state={r.state} aria-label={`${names.get(r.raterId) ?? r.raterId}: ${STATE_LOOK[r.state].label}`}>
                        {(names.get(r.raterId) ?? r.raterId).trim().charAt(0).toUpperCase()}
                      </span>
                    </Tooltip>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
