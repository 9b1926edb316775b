import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import { notify, notifyError } from '../stores/notices';
import { REASON_FIELD, useAdjudication } from '../stores/adjudication';
import { useSession } from '../stores/session';

// Owners make an item gold from the adjudication screen: the final label in the form becomes its
// reference label (checked against the guideline like any label), or the item leaves the gold pool.
// The engine refuses anyone else (setGold is owner-only in the contract).

export function GoldControl() {
  const isOwner = useSession((s) => s.rater?.roles.includes('owner') ?? false);
  const item = useAdjudication((s) => s.item);
  const [busy, setBusy] = useState(false);
  if (!isOwner || !item) return null;
  const sampleId = item.sample.id;

  const save = async () => {
    const adj = useAdjudication.getState();
    // A reference label is the values alone: the adjudication's reason is not part of it.
    if (adj.problems().some((p) => p.field !== REASON_FIELD)) {
      useAdjudication.setState({ attempted: true });
      notify('error', 'The reference label is not complete', 'Fix the fields marked in the form: a gold label must satisfy the guideline like any label.');
      return;
    }
    setBusy(true);
    try {
      await api.setGold({ sampleId, values: adj.values });
      useAdjudication.setState((s) => (s.item?.sample.id === sampleId ? { item: { ...s.item, gold: { values: { ...adj.values }, guideline: s.item.guideline } } } : {}));
      notify('success', item.gold ? 'Gold label updated' : 'Marked as gold', `${sampleId} is in the gold pool with this reference label; batches with a gold share can draw it.`);
    } catch (e) {
      notifyError('Could not mark the item as gold', e);
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
    setBusy(true);
    try {
      await api.clearGold({ sampleId });
      useAdjudication.setState((s) => (s.item?.sample.id === sampleId ? { item: { ...s.item, gold: null } } : {}));
      notify('info', 'Removed from the gold pool', sampleId);
    } catch (e) {
      notifyError('Could not remove the gold label', e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap={6} mt={6} wrap="nowrap" className="cc-gold-control" data-testid="gold-control" data-gold={item.gold ? true : undefined}>
      <Text size="xs" c="dimmed" style={{ flex: 1 }}>
        {item.gold ? '★ Gold item' : 'Owner'}
      </Text>
      <Button size="compact-xs" variant="light" color="yellow" loading={busy} onClick={(e) => (e.currentTarget.blur(), void save())} data-testid="mark-gold">
        {item.gold ? 'Update gold label' : 'Mark as gold with this label'}
      </Button>
      {item.gold && (
        <Button size="compact-xs" variant="subtle" color="gray" disabled={busy} onClick={(e) => (e.currentTarget.blur(), void clear())} data-testid="clear-gold">
          Remove
        </Button>
      )}
    </Group>
  );
}
