import { Badge, Button, Checkbox, Group, Loader, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { roles as ALL_ROLES, type Role } from '../../shared/auth/roles';
import type { Profile } from '../../shared/api/types';
import { AppHeader } from '../components/AppHeader';
import { IconPlus } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { ProfileAvatar } from '../components/ProfileAvatar';
import { ProfileFields, useNewProfile } from '../components/ProfileFields';
import { notify } from '../stores/notices';
import { useSession } from '../stores/session';
import { usePeople } from './people/peopleStore';

// The owner's place for people: who can sign in to this workspace and with which roles. Adding a
// profile and setting roles are owner acts the engine checks; the boxes only ask.

export const ROLE_INFO: Record<Role, { label: string; hint: string }> = {
  rater: { label: 'Rater', hint: 'Labels the items assigned to them, blind to other raters' },
  adjudicator: { label: 'Adjudicator', hint: 'Settles disagreements and flags guideline gaps' },
  owner: { label: 'Owner', hint: 'Creates batches, watches agreement, publishes guidelines, exports, manages people' },
};

export function PeopleScreen() {
  const profiles = useSession((s) => s.profiles);
  const me = useSession((s) => s.rater);
  const saving = usePeople((s) => s.saving);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void useSession.getState().loadProfiles();
  }, []);

  const sorted = (profiles ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
  const owners = sorted.filter((p) => p.roles.includes('owner')).length;
  const count = (r: Role) => sorted.filter((p) => p.roles.includes(r)).length;

  const toggle = (p: Profile, role: Role, on: boolean, locked: string | null) => {
    // The engine would refuse it too; saying why here saves the round trip.
    if (locked) return notify('warning', `${p.name} keeps the ${ROLE_INFO[role].label.toLowerCase()} role`, locked);
    const next = ALL_ROLES.filter((r) => (r === role ? on : p.roles.includes(r)));
    void usePeople.getState().setRoles(p.id, next);
  };

  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="people-screen">
        <div className="cc-batch-page cc-people-page">
          <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl">
            <div style={{ minWidth: 0 }}>
              <Title order={3} fw={650}>
                People
              </Title>
              <Text size="sm" c="dimmed" mt={4} maw={640}>
                Everyone who can sign in to this workspace, and what they may do. A change applies to their very next action.
              </Text>
            </div>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-person">
              Add person
            </Button>
          </Group>

          <div className="cc-batch-table-card">
            {profiles === null ? (
              <Group justify="center" py="xl">
                <Loader size="sm" />
              </Group>
            ) : (
              <Table verticalSpacing={10} horizontalSpacing="md" className="cc-batch-table" data-testid="people-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    {ALL_ROLES.map((r) => (
                      <Table.Th key={r} ta="center" w={150} style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label={ROLE_INFO[r].hint} openDelay={300} multiline w={240}>
                          <span>
                            {ROLE_INFO[r].label} <span className="cc-people-count">{count(r)}</span>
                          </span>
                        </Tooltip>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((p) => (
                    <Table.Tr key={p.id} data-testid="person-row" data-profile={p.id}>
                      <Table.Td>
                        <Group gap={12} wrap="nowrap">
                          <ProfileAvatar name={p.name} size={32} />
                          <div style={{ minWidth: 0 }}>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" fw={600} className="cc-ellipsis">
                                <SafeText text={p.name} />
                              </Text>
                              {me?.id === p.id && (
                                <Badge size="xs" variant="light" color="indigo" className="cc-badge-plain">
                                  you
                                </Badge>
                              )}
                            </Group>
                            <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis">
                              <SafeText text={p.id} />
                            </Text>
                          </div>
                        </Group>
                      </Table.Td>
                      {ALL_ROLES.map((r) => {
                        const has = p.roles.includes(r);
                        const lastRole = has && p.roles.length === 1;
                        const lastOwner = r === 'owner' && has && owners === 1;
                        const locked = lastOwner ? 'The workspace needs an owner: make someone else an owner first.' : lastRole ? 'A profile needs at least one role.' : null;
                        const box = (
                          <Checkbox
                            checked={has}
                            disabled={saving === p.id}
                            onChange={(e) => toggle(p, r, e.currentTarget.checked, locked)}
                            aria-label={`${ROLE_INFO[r].label}: ${p.name}`}
                            data-testid={`role-${r}-${p.id}`}
                          />
                        );
                        return (
                          <Table.Td key={r}>
                            <Group justify="center">
                              {locked ? (
                                <Tooltip label={locked} openDelay={300}>
                                  <span>{box}</span>
                                </Tooltip>
                              ) : (
                                box
                              )}
                            </Group>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </div>
      </div>
      <AddPersonModal opened={adding} onClose={() => setAdding(false)} taken={sorted.map((p) => p.id)} />
    </>
  );
}

function AddPersonModal({ opened, onClose, taken }: { opened: boolean; onClose: () => void; taken: string[] }) {
  const profile = useNewProfile(taken);
  const [roles, setRoles] = useState<Role[]>(['rater']);
  const [busy, setBusy] = useState(false);
  const canSubmit = profile.valid && roles.length > 0 && !busy;

  const close = () => {
    profile.reset();
    setRoles(['rater']);
    setBusy(false);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    if (await usePeople.getState().addProfile({ id: profile.id, name: profile.name.trim(), roles })) close();
    else setBusy(false);
  };

  return (
    <Modal opened={opened} onClose={close} title="Add a person" centered size="md">
      <form onSubmit={submit} data-testid="add-person-form">
        <Stack gap="sm">
          <ProfileFields profile={profile} nameLabel="Display name" whose="their" />
          <Checkbox.Group label="Roles" value={roles} onChange={(v) => setRoles(v as Role[])} data-testid="person-roles">
            <Stack gap={8} mt={6}>
              {ALL_ROLES.map((r) => (
                <Checkbox key={r} value={r} label={ROLE_INFO[r].label} description={ROLE_INFO[r].hint} data-testid={`person-role-${r}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={!canSubmit} loading={busy} data-testid="add-person-submit">
              Add person
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
