import { Avatar } from '@mantine/core';
import { revealInvisibles } from '../content/invisibles';

/** "Ana María López" -> "AL"; invisible characters are shown, never hidden, even in initials. */
export function initials(name: string): string {
  const parts = revealInvisibles(name).trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

export function ProfileAvatar({ name, size = 36 }: { name: string; size?: number }) {
  return (
    <Avatar radius="xl" color="indigo" variant="light" size={size}>
      {initials(name)}
    </Avatar>
  );
}
