import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { InvitationView } from '../../../shared/api/team';
import { roles as ALL_ROLES, type Role } from '../../../shared/auth/roles';
import { IconCheck, IconCopy } from '../../components/icons';
import { ProfileFields, useNewProfile } from '../../components/ProfileFields';
import { SafeText } from '../../content/SafeText';
import { ROLE_INFO } from '../PeopleScreen';
import { useTeam } from './teamStore';

// Inviting someone: a name, an id and roles, then the token the hub made, shown here once (the hub
// keeps only its hash). The engine makes the hub call; copying uses the clipboard, and where the
// clipboard is not available the token is selected for the person to copy by hand.

const EXPIRY = [
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];

export function InviteModal({ opened, onClose, taken }: { opened: boolean; onClose: () => void; taken: string[] }) {
  const invitation = useTeam((s) => s.invitation);
  const close = () => {
    useTeam.getState().dropInvitation();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={invitation ? `Invitation for ${invitation.name}` : 'Invite a member'} centered size="lg" data-testid="invite-dialog">
      {invitation ? <TokenView invitation={invitation} onDone={close} /> : <InviteForm taken={taken} onCancel={close} />}
    </Modal>
  );
}

function InviteForm({ taken, onCancel }: { taken: string[]; onCancel: () => void }) {
  const profile = useNewProfile(taken);
  const [roles, setRoles] = useState<Role[]>(['rater']);
  const [hours, setHours] = useState('168');
  const [error, setError] = useState<string | null>(null);
  const inviting = useTeam((s) => s.inviting);
  const canSubmit = profile.valid && roles.length > 0 && !inviting;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    setError(await useTeam.getState().invite({ id: profile.id, name: profile.name.trim(), roles, expiresInHours: Number(hours) }));
  };

  return (
    <form onSubmit={submit} data-testid="invite-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The hub makes a one-time token for them. They paste it, with the hub’s address, into Concord’s “Join a team”. Their roles come from here; nobody picks their own.
        </Text>
        <ProfileFields profile={profile} nameLabel="Name" whose="their" />
        <Checkbox.Group label="Roles" value={roles} onChange={(v) => setRoles(v as Role[])} data-testid="invite-roles">
          <Group gap="lg" mt={6}>
            {ALL_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={ROLE_INFO[r].label} data-testid={`invite-role-${r}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select label="The token works, if unused, for" data={EXPIRY} value={hours} onChange={(v) => setHours(v ?? '168')} allowDeselect={false} w={220} data-testid="invite-expiry" />
        {error && (
          <Alert color="red" variant="light" title="The hub did not create the invitation" data-testid="invite-error">
            <SafeText text={error} />
          </Alert>
        )}
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={!canSubmit} loading={inviting} data-testid="invite-submit">
            Create invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenView({ invitation, onDone }: { invitation: InvitationView; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const expires = new Date(invitation.expiresAt);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(invitation.token);
      setCopied('yes');
    } catch {
      // No clipboard here (or it was refused): select the token so Ctrl+C copies it.
      field.current?.focus();
      field.current?.select();
      setCopied('select');
    }
  };

  return (
    <Stack gap="md" data-testid="invitation">
      <Alert color="indigo" variant="light" title="Shown once">
        This token is not stored anywhere you can see it again: copy it now and send it to {invitation.name} privately. If it is lost, invite them again (the old token then stops working).
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={field}
          label="Invitation token"
          value={invitation.token}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          className="cc-token-field"
          style={{ flex: 1 }}
          data-testid="invite-token"
          spellCheck={false}
        />
        <Button
          variant={copied === 'yes' ? 'light' : 'filled'}
          color={copied === 'yes' ? 'teal' : 'indigo'}
          leftSection={copied === 'yes' ? <IconCheck size={16} /> : <IconCopy size={16} />}
          onClick={() => void copy()}
          data-testid="copy-token"
        >
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </Group>
      {copied === 'select' && (
        <Text size="sm" c="orange.8" data-testid="copy-fallback">
          The clipboard is not available here: the token is selected, press Ctrl+C (⌘C on a Mac) to copy it.
        </Text>
      )}
      <dl className="cc-invite-facts">
        <dt>Hub address</dt>
        <dd className="cc-mono" data-testid="invite-hub-url">
          <SafeText text={invitation.hubUrl} />
        </dd>
        <dt>Member</dt>
        <dd>
          <SafeText text={`${invitation.name} (${invitation.member}) · ${invitation.roles.map((r) => ROLE_INFO[r].label).join(', ')}`} />
        </dd>
        <dt>Expires</dt>
        <dd data-testid="invite-expires" data-expires-at={invitation.expiresAt}>
          {expires.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}, if it has not been used by then
        </dd>
      </dl>
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="invite-done">
          Done
        </Button>
      </Group>
    </Stack>
  );
}
