import { Button, Group, Modal, NativeSelect, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { SafeText } from '../content/SafeText';
import { useAdjudication } from '../stores/adjudication';

const submitOnCtrlEnter = (submit: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
};

/** `b`: return the item to its raters for re-labeling, with a reason (required). */
export function SendBackModal() {
  const opened = useAdjudication((s) => s.modal === 'send-back');
  const sampleId = useAdjudication((s) => s.currentId);
  const raters = useAdjudication((s) => s.item?.labels.length ?? 0);
  const busy = useAdjudication((s) => s.busy === 'sending');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (opened) setReason('');
  }, [opened]);
  const close = () => useAdjudication.getState().closeModal();
  const submit = () => {
    if (reason.trim()) void useAdjudication.getState().sendBack(reason);
  };
  return (
    <Modal opened={opened} onClose={close} title="Send back for re-labeling" centered size="md" data-testid="adj-send-back-modal">
      <Text size="sm" c="dimmed" mb="sm">
        The {raters} label{raters === 1 ? '' : 's'} on <SafeText text={sampleId ?? ''} className="cc-mono" /> are withdrawn (they stay in the history) and the item returns to its raters’ queues. Tell them
        what to look at again.
      </Text>
      <Textarea
        data-autofocus
        label="Why does it need new labels?"
        placeholder="e.g. Two raters missed the phone number in the last paragraph (privacy)."
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        onKeyDown={submitOnCtrlEnter(submit)}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={4000}
        description="Ctrl+Enter sends it back · Esc cancels"
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data-testid="adj-send-back-reason"
      />
      <Group justify="flex-end" gap="xs" mt="lg">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button color="orange" onClick={submit} disabled={!reason.trim()} loading={busy} data-testid="adj-send-back-submit">
          Send back
        </Button>
      </Group>
    </Modal>
  );
}

/** `f`: note a gap in the guideline (a case it does not settle) for its next version. */
export function GuidelineGapModal({ pack, disputed }: { pack: GuidelinePack | null; disputed: string[] }) {
  const opened = useAdjudication((s) => s.modal === 'gap');
  const sampleId = useAdjudication((s) => s.currentId);
  const busy = useAdjudication((s) => s.busy === 'flagging');
  const [field, setField] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!opened) return;
    setNote('');
    setField(disputed[0] ?? '');
  }, [opened]); // eslint-disable-line react-hooks/exhaustive-deps
  const close = () => useAdjudication.getState().closeModal();
  const submit = () => {
    if (note.trim()) void useAdjudication.getState().flagGap(field || null, note);
  };
  return (
    <Modal opened={opened} onClose={close} title="Flag a guideline gap" centered size="md" data-testid="adj-gap-modal">
      <Text size="sm" c="dimmed" mb="sm">
        A case the guideline{pack ? ` ${pack.id}@${pack.version}` : ''} does not settle, noted for its next version
        {sampleId ? (
          <>
            {' '}
            with <SafeText text={sampleId} className="cc-mono" /> as the example
          </>
        ) : null}
        . The owner sees it on the Guidelines screen.
      </Text>
      <NativeSelect
        label="Field"
        value={field}
        onChange={(e) => setField(e.currentTarget.value)}
        data={[
          { value: '', label: 'The guideline as a whole' },
          ...(pack?.fields ?? []).map((f) => ({ value: f.key, label: `${f.title}${disputed.includes(f.key) ? ' (in dispute)' : ''}` })),
        ]}
        mb="sm"
        data-testid="adj-gap-field"
      />
      <Textarea
        data-autofocus
        label="What is missing or unclear?"
        placeholder="e.g. No guidance on insults aimed at a fictional character."
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        onKeyDown={submitOnCtrlEnter(submit)}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={4000}
        description="Ctrl+Enter notes it · Esc cancels"
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data-testid="adj-gap-note"
      />
      <Group justify="flex-end" gap="xs" mt="lg">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button onClick={submit} disabled={!note.trim()} loading={busy} data-testid="adj-gap-submit">
          Note the gap
        </Button>
      </Group>
    </Modal>
  );
}
