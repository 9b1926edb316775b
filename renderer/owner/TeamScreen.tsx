import { Alert, Badge, Button, Group, Loader, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AppHeader } from '../components/AppHeader';
import { IconPlus } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { timeAgo } from '../lib/time';
import { ConflictsPanel } from './team/ConflictsPanel';
import { InviteModal } from './team/InviteModal';
import { MembersTable } from './team/MembersTable';
import { useTeam } from './team/teamStore';

// The owner's Team screen: who is on the project (from the hub), when each last synced and what
// their machine still holds as far as the hub knows, how far each is per batch (from this
// workspace, as of its last sync), invitations and revocations, and the conflicting adjudications
// to settle. The engine makes every hub call and checks the owner role; the hub checks it again.

export function TeamScreen() {
  const view = useTeam((s) => s.view);
  const loadError = useTeam((s) => s.loadError);
  const conflicts = useTeam((s) => s.conflicts);
  const [inviting, setInviting] = useState(false);
  // A re-invitation from a member's row opens the same dialog on its token.
  const invitation = useTeam((s) => s.invitation);

  useEffect(() => {
    void useTeam.getState().load();
    // What the hub knows moves while the screen is open (members sync): read it again now and then.
    const timer = setInterval(() => void useTeam.getState().load(), 15_000);
    return () => clearInterval(timer);
  }, []);

  const connected = Boolean(view?.hub);
  const active = view?.members.filter((m) => m.status === 'active').length ?? 0;

  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="team-screen">
        <div className="cc-batch-page cc-team-page">
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl">
            <div style={{ minWidth: 0 }}>
              <Title order={3} fw={650}>
                Team
              </Title>
              <Text size="sm" c="dimmed" mt={4} maw={720} data-testid="team-summary">
                {view?.hub ? (
                  <>
                    {view.members.length} members on the hub at <SafeText text={view.hub.url} />, {active} synced at least once. Progress is this workspace’s, as of
                    its last sync{view.lastSyncedAt ? ` (${timeAgo(view.lastSyncedAt)})` : ''}.
                  </>
                ) : (
                  'Who works on this workspace and how far each one is.'
                )}
              </Text>
            </div>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setInviting(true)} disabled={!connected} data-testid="invite-member">
              Invite
            </Button>
          </Group>

          {view && !view.hub && (
            <Alert color="gray" variant="light" title="Not connected to a hub" data-testid="team-no-hub">
              Invitations go through the team’s hub. Connect this workspace to one first (in a terminal: <span className="cc-mono">concord connect --workspace … --hub URL --token TOKEN</span>); until
              then, add people who share this computer on the People screen.
            </Alert>
          )}
          {view?.hubError && (
            <Alert color="orange" variant="light" title="The hub could not be reached" data-testid="team-hub-error">
              <SafeText text={view.hubError} />
            </Alert>
          )}
          {loadError && (
            <Alert color="red" variant="light" title="Could not load the team" data-testid="team-error">
              <SafeText text={loadError} />
            </Alert>
          )}

          {view === null && !loadError ? (
            <Group justify="center" py="xl">
              <Loader size="sm" />
            </Group>
          ) : (
            view && <MembersTable view={view} />
          )}

          {conflicts && conflicts.length > 0 && (
            <>
              <Group gap="xs" mt="sm" align="baseline">
                <Title order={4} fw={650}>
                  Conflicting adjudications
                </Title>
                <Badge color="orange" variant="light" className="cc-badge-plain" data-testid="conflict-count">
                  {conflicts.length}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" mt={-8} maw={760}>
                Two adjudicators decided these items on their own machines, each without seeing the other’s decision. The newer one counts until you settle it: choose one, or
                write a new decision.
              </Text>
              <ConflictsPanel conflicts={conflicts} />
            </>
          )}
        </div>
      </div>
      <InviteModal opened={inviting || invitation !== null} onClose={() => setInviting(false)} taken={view?.members.map((m) => m.id) ?? []} />
    </>
  );
}
