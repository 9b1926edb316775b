import { Button, Group, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSession } from '../stores/session';
import { useSettings } from '../stores/settings';
import { IconCoffee } from './icons';

/** A gentle, non-blocking reminder to take a break after a while of labeling. */
export function BreakReminder() {
  const enabled = useSettings((s) => s.breakReminderEnabled);
  const minutes = useSettings((s) => s.breakReminderMinutes);
  const since = useSession((s) => s.sessionStart);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(id);
  }, []);
  // Re-check right away when the settings or the timer change.
  useEffect(() => setNow(Date.now()), [since, minutes, enabled]);

  const elapsed = now - since;
  if (!enabled || elapsed < minutes * 60_000) return null;
  const mins = Math.max(1, Math.round(elapsed / 60_000));

  return (
    <Paper className="cc-break" withBorder radius="lg" px="md" py={8} role="status" data-testid="break-reminder">
      <Group gap="xs" wrap="wrap">
        <IconCoffee size={18} color="var(--mantine-color-teal-7)" />
        <Text size="sm">You have been labeling for {mins} {mins === 1 ? 'minute' : 'minutes'}. A short break helps.</Text>
        <Button size="compact-sm" variant="light" color="teal" onClick={() => useSession.getState().restartBreakTimer()} data-testid="break-taken">
          I took a break
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="gray"
          onClick={() => useSession.setState({ sessionStart: Date.now() - Math.max(0, minutes - 10) * 60_000 })}
          data-testid="break-snooze"
        >
          In 10 min
        </Button>
      </Group>
    </Paper>
  );
}
