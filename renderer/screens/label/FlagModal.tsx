import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { SafeText } from '../../content/SafeText';
import { useItem } from '../../stores/item';
import { useUi } from '../../stores/ui';

/** `f`: flag the item for the evaluation owner, with a short comment (required). */
export function FlagModal() {
  const opened = useUi((s) => s.modal === 'flag');
  const view = useItem((s) => s.view);
  const busy = useItem((s) => s.busy === 'flagging');
  const [comment, setComment] = useState('');

  useEffect(() => {
    if (opened) setComment(view?.flagComment ?? '');
  }, [opened, view?.flagComment]);

  const close = () => useUi.getState().closeModal();
  const submit = async () => {
    if (!comment.trim()) return;
    await useItem.getState().flag(comment.trim());
  };

  return (
    <Modal opened={opened} onClose={close} title="Flag this item" centered size="md" data-testid="flag-modal">
      <Text size="sm" c="dimmed" mb="sm">
        Flag <SafeText text={view?.sample.id ?? ''} className="cc-mono" /> for review, for example when it is broken, out of scope, or something in it needs attention. You
        can still label it later.
      </Text>
      <Textarea
        data-autofocus
        label="What is the problem?"
        placeholder="e.g. The output is cut off mid-sentence."
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={2000}
        description="Ctrl+Enter flags the item · Esc cancels"
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data-testid="flag-comment"
      />
      <Group justify="flex-end" gap="xs" mt="lg">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button color="orange" onClick={submit} disabled={!comment.trim()} loading={busy} data-testid="flag-submit">
          Flag and continue
        </Button>
      </Group>
    </Modal>
  );
}
