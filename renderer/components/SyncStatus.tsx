import { Alert, Button, Group, Modal, PasswordInput, Popover, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { SyncStatusView } from '../../shared/api/types';
import { SafeText } from '../content/SafeText';
import { useSync } from '../stores/sync';

// The status bar's sync item: the truth from the engine (synced and when, N changes waiting,
// offline with N saved here, or an error with its reason and what to do), the changes of this
// person's the hub refused (kept on this machine), and the token entered again when the hub no
// longer takes it.

const POLL_MS = 2_000;

function ago(iso: string | null): string {
  if (!iso) return 'not yet';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return new Date(iso).toLocaleString();
}

const changes = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'change' : 'changes'}`;

/** The one line the status bar shows. */
export function syncLine(s: SyncStatusView): string {
  switch (s.state) {
    case 'local':
      return 'Local workspace · not shared';
    case 'synced':
      return `Synced ${ago(s.lastSyncedAt)}`;
    case 'syncing':
      return s.waiting ? `Syncing · ${changes(s.waiting)} waiting` : 'Syncing…';
    case 'waiting':
      return `${changes(s.waiting)} waiting`;
    case 'offline':
      return `Offline · ${changes(s.waiting)} waiting, saved on this machine`;
    case 'error':
      return s.problem?.kind === 'token' ? 'Sync stopped: the hub refuses this token' : 'Sync error';
  }
}

export function SyncStatus() {
  const status = useSync((s) => s.status);
  const [open, setOpen] = useState(false);
  const [tokenOpen, setTokenOpen] = useState(false);

  useEffect(() => {
    void useSync.getState().refresh();
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void useSync.getState().refresh();
    }, POLL_MS);
    return () => clearInterval(id);
  }, []);

  if (!status) return null;
  const tone = status.state === 'error' ? 'error' : undefined;
  return (
    <>
      <Popover opened={open} onChange={setOpen} position="top-start" shadow="md" width={380} withArrow>
        <Popover.Target>
          <button type="button" className="cc-status-button" data-tone={tone} data-testid="status-sync" data-state={status.state} data-waiting={status.waiting} onClick={() => setOpen((o) => !o)}>
            <span className="cc-dot" data-state={status.state === 'local' ? 'offline' : status.state} />
            <span>{syncLine(status)}</span>
          </button>
        </Popover.Target>
        <Popover.Dropdown data-testid="sync-details">
          <SyncDetails status={status} onEnterToken={() => (setOpen(false), setTokenOpen(true))} />
        </Popover.Dropdown>
      </Popover>
      {status.refused.length > 0 && <RefusedChip status={status} />}
      {status.problem?.kind === 'token' && (
        <button type="button" className="cc-status-button" data-tone="error" data-testid="enter-token" onClick={() => setTokenOpen(true)}>
          Enter token
        </button>
      )}
      <TokenModal opened={tokenOpen} onClose={() => setTokenOpen(false)} status={status} />
    </>
  );
}

function SyncDetails({ status, onEnterToken }: { status: SyncStatusView; onEnterToken: () => void }) {
  if (status.state === 'local') {
    return (
      <Text size="sm">This workspace is on this computer only: nothing is shared. Every change is saved here as you make it.</Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {syncLine(status)}
      </Text>
      <Text size="xs" c="dimmed">
        Team hub <SafeText text={status.hub ?? ''} className="cc-mono" /> · as <SafeText text={status.member ?? ''} className="cc-mono" />
        <br />
        Last synced: {status.lastSyncedAt ? new Date(status.lastSyncedAt).toLocaleString() : 'not yet'}
        {status.nextAttemptAt && status.state !== 'synced' && (
          <>
            <br />
            Next attempt: {new Date(status.nextAttemptAt).toLocaleTimeString()}
          </>
        )}
      </Text>
      <Text size="xs">
        {status.waiting > 0
          ? `${changes(status.waiting)} saved on this machine that the hub has not acknowledged yet. They go out by themselves.`
          : 'The hub has every change made here.'}
      </Text>
      {status.problem && (
        <Alert color={status.problem.kind === 'offline' ? 'gray' : 'red'} variant="light" p="xs" data-testid="sync-problem">
          <Text size="xs">
            <SafeText text={status.problem.message} />
          </Text>
          <Text size="xs" fw={600} mt={4}>
            {status.problem.action}
          </Text>
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        {status.problem?.kind === 'token' && (
          <Button size="xs" variant="light" color="red" onClick={onEnterToken}>
            Enter token
          </Button>
        )}
        <Button size="xs" variant="default" onClick={() => void useSync.getState().syncNow()} loading={status.state === 'syncing'} data-testid="sync-now">
          Sync now
        </Button>
      </Group>
    </Stack>
  );
}

function RefusedChip({ status }: { status: SyncStatusView }) {
  const n = status.refused.length;
  return (
    <Popover position="top-start" shadow="md" width={420} withArrow>
      <Popover.Target>
        <button type="button" className="cc-status-button" data-tone="error" data-testid="status-refused" data-count={n}>
          <span className="cc-dot" data-state="error" />
          {n === 1 ? '1 change refused by the hub' : `${n} changes refused by the hub`}
        </button>
      </Popover.Target>
      <Popover.Dropdown data-testid="refused-details">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            The hub refused {n === 1 ? 'this change' : 'these changes'}
          </Text>
          <Text size="xs" c="dimmed">
            {n === 1 ? 'It is' : 'They are'} kept on this machine, not shared with the team. Ask the project’s owner if this looks wrong.
          </Text>
          {status.refused.map((r) => (
            <div key={r.eventId} data-testid="refused-change">
              <Text size="xs" fw={600}>
                <SafeText text={r.what} />
              </Text>
              <Text size="xs" c="red.8">
                <SafeText text={r.reason} />
              </Text>
            </div>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function TokenModal({ opened, onClose, status }: { opened: boolean; onClose: () => void; status: SyncStatusView }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim() || busy) return;
    setBusy(true);
    const problem = await useSync.getState().setToken(token.trim());
    setBusy(false);
    setError(problem);
    if (!problem) {
      setToken('');
      onClose();
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Enter your invitation token again" centered>
      <form onSubmit={submit} data-testid="token-form">
        <Stack gap="sm">
          <Text size="sm">
            The hub at <SafeText text={status.hub ?? ''} className="cc-mono" /> no longer takes the token this computer has for{' '}
            <SafeText text={status.member ?? ''} className="cc-mono" />. Paste the new one the project’s owner sent you. Your changes are safe on this machine meanwhile.
          </Text>
          <PasswordInput label="Invitation token" value={token} onChange={(e) => setToken(e.currentTarget.value)} autoFocus classNames={{ input: 'cc-mono' }} data-testid="token-input" />
          {error && (
            <Alert color="red" variant="light" p="xs" data-testid="token-error">
              <Text size="xs">
                <SafeText text={error} />
              </Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!token.trim()} data-testid="token-submit">
              Save and sync
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
