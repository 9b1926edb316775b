import { Alert, Avatar, Badge, Button, Chip, Divider, Group, Loader, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Profile, Role } from '../../shared/api/types';
import { AppHeader } from '../components/AppHeader';
import { IconPlus } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { revealInvisibles } from '../content/invisibles';
import { useSession } from '../stores/session';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** A rater id from a display name: "Ana María López" -> "ana-maria-lopez". */
export function slugifyId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

function initials(name: string): string {
  const parts = revealInvisibles(name).trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

export function SignInScreen() {
  const profiles = useSession((s) => s.profiles);
  const profilesError = useSession((s) => s.profilesError);
  const [creating, setCreating] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);

  const raters = (profiles ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
  const showCreate = creating || (profiles !== null && raters.length === 0);

  useEffect(() => {
    if (profiles && raters.length > 0) listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [profiles, raters.length]);

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'j' && e.key !== 'k') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-profile]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' || e.key === 'j' ? Math.min(i + 1, buttons.length - 1) : Math.max(i - 1, 0);
    buttons[next]?.focus();
    e.preventDefault();
  };

  return (
    <>
      <AppHeader />
      <div className="cc-body">
        <div className="cc-center">
          <Stack w={440} gap="lg" data-testid="signin-screen">
            <div>
              <Title order={2} fw={650}>
                Who is labeling?
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                Choose your profile. Each rater sees only their own labels.
              </Text>
            </div>

            {profilesError ? (
              <Alert color="red" variant="light" title="The rater profiles could not be loaded" data-testid="profiles-error">
                <Text size="sm" mb="sm">
                  {profilesError}
                </Text>
                <Button size="xs" variant="light" color="red" onClick={() => void useSession.getState().loadProfiles()}>
                  Try again
                </Button>
              </Alert>
            ) : profiles === null ? (
              <Group justify="center" py="xl">
                <Loader size="sm" />
              </Group>
            ) : raters.length > 0 ? (
              <Stack gap={8} ref={listRef} onKeyDown={onListKey} role="list" aria-label="Rater profiles" data-testid="profile-list">
                {raters.map((p) => (
                  <ProfileButton key={p.id} profile={p} />
                ))}
              </Stack>
            ) : null}

            {raters.length > 0 && !showCreate && (
              <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-profile" style={{ alignSelf: 'flex-start' }}>
                New rater profile
              </Button>
            )}

            {showCreate && (
              <>
                {raters.length > 0 && <Divider label="or create a profile" labelPosition="center" />}
                <CreateProfileForm onCancel={raters.length > 0 ? () => setCreating(false) : undefined} />
              </>
            )}
          </Stack>
        </div>
      </div>
    </>
  );
}

function ProfileButton({ profile }: { profile: Profile }) {
  return (
    <button
      type="button"
      className="cc-profile"
      role="listitem"
      data-profile={profile.id}
      data-testid="profile-option"
      aria-label={`Sign in as ${revealInvisibles(profile.name)} (${revealInvisibles(profile.id)})`}
      onClick={() => useSession.getState().signIn(profile)}
    >
      <Avatar radius="xl" color="indigo" variant="light" size={36}>
        {initials(profile.name)}
      </Avatar>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} size="sm" className="cc-ellipsis">
          <SafeText text={profile.name} />
        </Text>
        <Text size="xs" c="dimmed" className="cc-ellipsis cc-mono">
          <SafeText text={profile.id} />
        </Text>
      </div>
      {profile.roles
        .filter((r) => r !== 'rater')
        .map((r) => (
          <Badge key={r} variant="light" color="gray" size="sm">
            {r}
          </Badge>
        ))}
    </button>
  );
}

const ROLE_CHOICES: { role: Role; label: string; hint: string }[] = [
  { role: 'rater', label: 'Rater', hint: 'Labels the items assigned to them, blind to other raters' },
  { role: 'adjudicator', label: 'Adjudicator', hint: 'Settles disagreements and flags guideline gaps' },
  { role: 'owner', label: 'Owner', hint: 'Creates batches, watches agreement, publishes guidelines, exports' },
];

function CreateProfileForm({ onCancel }: { onCancel?: () => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [roles, setRoles] = useState<Role[]>(['rater']);
  const profiles = useSession((s) => s.profiles) ?? [];

  const effectiveId = idTouched ? id : slugifyId(name);
  const idProblem = !effectiveId
    ? null
    : !ID_PATTERN.test(effectiveId)
      ? 'Use lowercase letters, digits, dots, dashes or underscores.'
      : profiles.some((p) => p.id === effectiveId)
        ? 'This id is taken: choose the existing profile above, or another id.'
        : null;
  const canSubmit = name.trim().length > 0 && effectiveId.length > 0 && !idProblem && roles.length > 0 && !busy;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    const ok = await useSession.getState().createProfile(effectiveId, name.trim(), roles);
    if (!ok) setBusy(false);
  };

  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} data-testid="create-profile-form" aria-label="Create a rater profile">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          New rater profile
        </Text>
        <TextInput
          label="Display name"
          placeholder="e.g. Ana López"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={100}
          data-autofocus
          autoFocus
          data-testid="profile-name"
          required
        />
        <TextInput
          label="Rater id"
          description="Identifies your labels in exports. Cannot be changed later."
          placeholder="ana-lopez"
          value={effectiveId}
          onChange={(e) => {
            setIdTouched(true);
            setId(e.currentTarget.value.trim());
          }}
          maxLength={64}
          error={idProblem}
          classNames={{ input: 'cc-mono' }}
          data-testid="profile-id"
          required
        />
        <Chip.Group multiple value={roles} onChange={(v) => setRoles(v as Role[])}>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Roles
            </Text>
            <Group gap={6} data-testid="profile-roles">
              {ROLE_CHOICES.map((r) => (
                <Tooltip key={r.role} label={r.hint} openDelay={300}>
                  <Chip value={r.role} size="xs" data-testid={`profile-role-${r.role}`}>
                    {r.label}
                  </Chip>
                </Tooltip>
              ))}
            </Group>
          </Stack>
        </Chip.Group>
        <Group justify="flex-end" gap="xs" mt={4}>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" disabled={!canSubmit} loading={busy} data-testid="create-profile">
            Create and sign in
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
