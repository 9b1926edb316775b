import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Profile } from '../../shared/api/types';
import { AppHeader } from '../components/AppHeader';
import { IconInfo } from '../components/icons';
import { ProfileAvatar } from '../components/ProfileAvatar';
import { ProfileFields, useNewProfile } from '../components/ProfileFields';
import { SafeText } from '../content/SafeText';
import { revealInvisibles } from '../content/invisibles';
import { useSession } from '../stores/session';
import { useLaunch } from '../stores/launch';

// Choosing who is working. Profiles and their roles are an owner's to manage (People); this screen
// only signs in. A workspace with no profile at all shows how to create its first one, its owner.

export function SignInScreen() {
  const profiles = useSession((s) => s.profiles);
  const profilesError = useSession((s) => s.profilesError);
  const listRef = useRef<HTMLDivElement>(null);
  // A member's replica of a team project: only that member signs in here (the engine enforces it).
  const member = useLaunch((s) => s.view?.member ?? null);

  const sorted = (profiles ?? []).filter((p) => member === null || p.id === member).sort((a, b) => a.name.localeCompare(b.name));
  const firstRun = profiles !== null && sorted.length === 0;

  useEffect(() => {
    if (sorted.length > 0) listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [sorted.length]);

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
            {firstRun ? (
              <FirstProfileForm />
            ) : (
              <>
                <div>
                  <Title order={2} fw={650}>
                    Who is working?
                  </Title>
                  <Text c="dimmed" size="sm" mt={4}>
                    Choose your profile. Raters see only their own labels.
                  </Text>
                </div>

                {profilesError ? (
                  <Alert color="red" variant="light" title="The profiles could not be loaded" data-testid="profiles-error">
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
                ) : (
                  <Stack gap={8} ref={listRef} onKeyDown={onListKey} role="list" aria-label="Profiles" data-testid="profile-list">
                    {sorted.map((p) => (
                      <ProfileButton key={p.id} profile={p} />
                    ))}
                  </Stack>
                )}

                {profiles !== null && (
                  <Group gap={8} wrap="nowrap" align="flex-start" className="cc-signin-note" data-testid="signin-note">
                    <IconInfo size={16} />
                    <Text size="xs" c="dimmed">
                      {member !== null ? 'This computer holds your copy of a team project: only you sign in here, with the roles the project gives you. ' : ''}
                      Not on the list? An owner of this workspace adds people and gives them roles, under People. Profiles on this computer need no password: anyone who can open the workspace can sign in.
                    </Text>
                  </Group>
                )}
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
      onClick={() => void useSession.getState().signIn(profile.id)}
    >
      <ProfileAvatar name={profile.name} />
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

/** Shown only while the workspace has no profile at all: the first one is its owner. */
function FirstProfileForm() {
  const profile = useNewProfile();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!profile.valid || busy) return;
    setBusy(true);
    if (!(await useSession.getState().createFirstProfile(profile.id, profile.name.trim()))) setBusy(false);
  };

  return (
    <>
      <div>
        <Title order={2} fw={650}>
          Set up this workspace
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          No one has a profile here yet. The first profile is the workspace’s owner: it can label and adjudicate too, and it adds the rest of the team and gives them their roles.
        </Text>
      </div>
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} data-testid="first-profile-form" aria-label="Create the owner's profile">
        <Stack gap="sm">
          <ProfileFields profile={profile} nameLabel="Your name" whose="your" />
          <Group justify="flex-end" mt={4}>
            <Button type="submit" disabled={!profile.valid || busy} loading={busy} data-testid="create-profile">
              Create owner profile and sign in
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
