import { Badge, Button, Group, Menu, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { MemberBatchProgress, TeamMember, TeamView } from '../../../shared/api/team';
import { ProfileAvatar } from '../../components/ProfileAvatar';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { ROLE_INFO } from '../PeopleScreen';
import { useTeam } from './teamStore';

// One row per member: who, roles, where they stand with the hub, what their machine still holds,
// and their progress on each batch (labelled, skipped, flagged, remaining).

const STATUS: Record<TeamMember['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  invited: { label: 'Invited', color: 'indigo' },
  expired: { label: 'Invitation expired', color: 'orange' },
  revoked: { label: 'Revoked', color: 'red' },
  local: { label: 'This computer', color: 'gray' },
};

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

function SyncCell({ m }: { m: TeamMember }) {
  if (m.status === 'revoked') return <Text size="sm" c="dimmed">Revoked {m.revokedAt ? day(m.revokedAt) : ''}{m.lastSyncAt ? `; last synced ${timeAgo(m.lastSyncAt)}` : ''}</Text>;
  if (m.lastSyncAt)
    return (
      <Tooltip label={new Date(m.lastSyncAt).toLocaleString()} openDelay={300}>
        <Text size="sm">{timeAgo(m.lastSyncAt)}</Text>
      </Tooltip>
    );
  if (m.status === 'invited') return <Text size="sm" c="dimmed">Not joined yet{m.invitationExpiresAt ? ` · token valid until ${day(m.invitationExpiresAt)}` : ''}</Text>;
  if (m.status === 'expired') return <Text size="sm" c="orange.8">Token expired unused: invite again</Text>;
  return <Text size="sm" c="dimmed">—</Text>;
}

function PendingCell({ m }: { m: TeamMember }) {
  if (m.reportedPending === null) return <Text size="sm" c="dimmed">{m.status === 'local' ? '—' : 'Not reported'}</Text>;
  if (m.reportedPending === 0) return <Text size="sm" c="teal.8">All synced</Text>;
  return (
    <Text size="sm" c="orange.8" fw={600}>
      {m.reportedPending} not synced
    </Text>
  );
}

function ProgressBar({ p, name }: { p: MemberBatchProgress; name: string }) {
  const pct = (n: number) => `${(100 * n) / Math.max(1, p.assigned)}%`;
  const text = `${name}: ${p.labelled} labelled, ${p.skipped} skipped, ${p.flagged} flagged, ${p.remaining} remaining of ${p.assigned}`;
  return (
    <div className="cc-team-progress" data-testid="member-progress" data-batch={p.batchId} aria-label={text} title={text}>
      <div className="cc-team-progress-head">
        <span className="cc-ellipsis">
          <SafeText text={name} />
        </span>
        <span className="cc-batch-num">
          {p.labelled}/{p.assigned}
        </span>
      </div>
      <div className="cc-team-bar" aria-hidden>
        <span data-part="labelled" style={{ width: pct(p.labelled) }} />
        <span data-part="skipped" style={{ width: pct(p.skipped) }} />
        <span data-part="flagged" style={{ width: pct(p.flagged) }} />
      </div>
      <div className="cc-team-progress-counts">
        {p.skipped > 0 && <span data-part="skipped">{p.skipped} skipped</span>}
        {p.flagged > 0 && <span data-part="flagged">{p.flagged} flagged</span>}
        <span>{p.remaining} left</span>
      </div>
    </div>
  );
}

export function MembersTable({ view }: { view: TeamView }) {
  const busy = useTeam((s) => s.busyMember);
  const [revoking, setRevoking] = useState<TeamMember | null>(null);
  const batchName = new Map(view.batches.map((b) => [b.batchId, b.name]));
  const order = { active: 0, invited: 1, expired: 2, local: 3, revoked: 4 };
  const members = [...view.members].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));

  return (
    <div className="cc-batch-table-card">
      <Table verticalSpacing={10} horizontalSpacing="md" className="cc-batch-table cc-team-table" data-testid="team-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th w={130}>Roles</Table.Th>
            <Table.Th w={170}>Last sync</Table.Th>
            <Table.Th w={150}>On their machine</Table.Th>
            <Table.Th>Progress per batch</Table.Th>
            <Table.Th w={110} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id} data-testid="member-row" data-member={m.id} data-status={m.status} data-revoked={m.status === 'revoked' || undefined}>
              <Table.Td>
                <Group gap={12} wrap="nowrap">
                  <ProfileAvatar name={m.name} size={32} />
                  <div style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600} className="cc-ellipsis" td={m.status === 'revoked' ? 'line-through' : undefined}>
                        <SafeText text={m.name} />
                      </Text>
                      {m.you && (
                        <Badge size="xs" variant="light" color="indigo" className="cc-badge-plain">
                          you
                        </Badge>
                      )}
                    </Group>
                    <Group gap={6} wrap="nowrap">
                      <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis">
                        <SafeText text={m.id} />
                      </Text>
                      <Badge size="xs" variant="dot" color={STATUS[m.status].color} className="cc-badge-plain" data-testid="member-status">
                        {STATUS[m.status].label}
                      </Badge>
                    </Group>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {m.roles.map((r) => (
                    <Badge key={r} size="sm" variant="light" color="gray" className="cc-badge-plain">
                      {ROLE_INFO[r]?.label ?? r}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td data-testid="member-last-sync">
                <SyncCell m={m} />
              </Table.Td>
              <Table.Td data-testid="member-pending">
                <PendingCell m={m} />
              </Table.Td>
              <Table.Td>
                {m.progress.length ? (
                  <div className="cc-team-progress-list">
                    {m.progress.map((p) => (
                      <ProgressBar key={p.batchId} p={p} name={batchName.get(p.batchId) ?? p.batchId} />
                    ))}
                  </div>
                ) : (
                  <Text size="sm" c="dimmed">
                    {m.roles.includes('rater') ? 'No items assigned' : '—'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {view.hub && m.status !== 'local' && !m.you && (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button size="compact-sm" variant="default" loading={busy === m.id} data-testid="member-actions" aria-label={`Actions for ${m.name}`}>
                        Manage
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => void useTeam.getState().reinvite(m.id)} data-testid="reinvite-member">
                        {m.status === 'revoked' ? 'Let back in (new token)' : 'Invite again (new token)'}
                      </Menu.Item>
                      {m.status !== 'revoked' && (
                        <Menu.Item color="red" onClick={() => setRevoking(m)} data-testid="revoke-member">
                          Revoke access…
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={revoking ? `Revoke ${revoking.name}?` : ''} centered data-testid="revoke-dialog">
        {revoking && (
          <>
            <Text size="sm">
              The hub refuses {revoking.name}’s next sync, with a message saying their access was revoked. Everything they already synced stays in the project.
              {revoking.reportedPending ? ` Their machine last reported ${revoking.reportedPending} change(s) not synced yet: those stay on their machine.` : ''}
            </Text>
            <Group justify="flex-end" gap="xs" mt="lg">
              <Button variant="default" onClick={() => setRevoking(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={busy === revoking.id}
                data-testid="revoke-confirm"
                onClick={async () => {
                  if (await useTeam.getState().revoke(revoking.id)) setRevoking(null);
                }}
              >
                Revoke access
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </div>
  );
}
