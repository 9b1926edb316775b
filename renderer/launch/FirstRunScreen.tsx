import { Alert, Button, Group, Paper, PasswordInput, Progress, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { JoinProgress } from '../../shared/api/types';
import { AppHeader } from '../components/AppHeader';
import { IconBook, IconInfo, IconPlus } from '../components/icons';
import { ProfileFields, useNewProfile } from '../components/ProfileFields';
import { SafeText } from '../content/SafeText';
import { useLaunch } from '../stores/launch';

// The first run: three ways in. The demo (a sample project to look around in), a workspace on this
// machine only, or joining a team with the hub address and invitation token the project's owner
// sent. Joining shows the initial sync's progress; who the person is and their roles come from
// the hub, never from this screen.

type Way = 'demo' | 'local' | 'join';

export function FirstRunScreen() {
  const view = useLaunch((s) => s.view);
  const [way, setWay] = useState<Way | null>(null);
  const joining = view?.stage === 'joining';

  return (
    <>
      <AppHeader nav={false} />
      <div className="cc-body">
        <div className="cc-center">
          <Stack w={760} gap="lg" data-testid="first-run">
            {joining && view.join ? (
              <JoinProgressView join={view.join} />
            ) : (
              <>
                <div>
                  <Title order={2} fw={650}>
                    Welcome to Concord
                  </Title>
                  <Text c="dimmed" size="sm" mt={4}>
                    Label model outputs against versioned guidelines, alone or with a team. Choose how to start; you can work offline either way.
                  </Text>
                </div>
                <SimpleGrid cols={3} spacing="md">
                  <WayCard way="demo" chosen={way} onChoose={setWay} title="Open the demo" icon={<IconBook size={20} />}>
                    A sample project with a guideline and synthetic data, to look around before real work.
                  </WayCard>
                  <WayCard way="local" chosen={way} onChoose={setWay} title="Create a local workspace" icon={<IconPlus size={20} />}>
                    A workspace on this computer only. You are its owner; you can connect it to a team later.
                  </WayCard>
                  <WayCard way="join" chosen={way} onChoose={setWay} title="Join a team" icon={<IconTeam />}>
                    Use the hub address and invitation token your project’s owner sent you.
                  </WayCard>
                </SimpleGrid>
                {view?.join?.error && (
                  <Alert color="red" variant="light" title="Joining the team did not work" data-testid="join-failed">
                    <Text size="sm">
                      <SafeText text={view.join.error} />
                    </Text>
                  </Alert>
                )}
                {way === 'demo' && <DemoForm />}
                {way === 'local' && <LocalForm />}
                {way === 'join' && <JoinForm />}
              </>
            )}
          </Stack>
        </div>
      </div>
    </>
  );
}

function IconTeam() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3 19c.6-3.2 3-5 6-5s5.4 1.8 6 5" />
      <circle cx="17" cy="9" r="2.4" />
      <path d="M16 14.2c2.4.2 4.2 1.7 4.8 4.3" />
    </svg>
  );
}

function WayCard({ way, chosen, onChoose, title, icon, children }: { way: Way; chosen: Way | null; onChoose: (w: Way) => void; title: string; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <UnstyledButton className="cc-way" data-active={chosen === way || undefined} data-testid={`first-run-${way}`} onClick={() => onChoose(way)} aria-pressed={chosen === way}>
      <span className="cc-way-icon">{icon}</span>
      <Text fw={650} size="sm" mt={10}>
        {title}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {children}
      </Text>
    </UnstyledButton>
  );
}

function FormError() {
  const error = useLaunch((s) => s.error);
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title="That did not work" data-testid="first-run-error">
      <Text size="sm">
        <SafeText text={error} />
      </Text>
    </Alert>
  );
}

function DemoForm() {
  const busy = useLaunch((s) => s.busy);
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">The demo holds made-up data only. It stays on this computer.</Text>
        <Button loading={busy} onClick={() => void useLaunch.getState().startDemo()} data-testid="start-demo">
          Open the demo
        </Button>
      </Group>
      <FormError />
    </Paper>
  );
}

function LocalForm() {
  const busy = useLaunch((s) => s.busy);
  const [name, setName] = useState('');
  const profile = useNewProfile();
  const valid = name.trim().length > 0 && profile.valid;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && !busy) void useLaunch.getState().startLocal(name.trim(), profile.id, profile.name.trim());
  };
  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} aria-label="Create a local workspace" data-testid="local-form">
      <Stack gap="sm">
        <TextInput label="Workspace name" placeholder="e.g. Harm review, Q3" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} required data-testid="workspace-name" />
        <ProfileFields profile={profile} nameLabel="Your name" whose="your" />
        <FormError />
        <Group justify="flex-end">
          <Button type="submit" disabled={!valid} loading={busy} data-testid="start-local">
            Create workspace
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function JoinForm() {
  const busy = useLaunch((s) => s.busy);
  const [hubUrl, setHubUrl] = useState('');
  const [token, setToken] = useState('');
  const valid = hubUrl.trim().length > 0 && token.trim().length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && !busy) void useLaunch.getState().join(hubUrl.trim(), token.trim());
  };
  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} aria-label="Join a team" data-testid="join-form">
      <Stack gap="sm">
        <TextInput
          label="Hub address"
          description="The team server’s address, from your invitation."
          placeholder="https://hub.example.org"
          value={hubUrl}
          onChange={(e) => setHubUrl(e.currentTarget.value)}
          required
          autoFocus
          classNames={{ input: 'cc-mono' }}
          data-testid="join-hub"
        />
        <PasswordInput
          label="Invitation token"
          description="Shown once to your project’s owner when they invited you. It is kept on this computer only."
          placeholder="cch_…"
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          required
          classNames={{ input: 'cc-mono' }}
          data-testid="join-token"
        />
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconInfo size={16} />
          <Text size="xs" c="dimmed">
            Your name and roles come from the invitation. The project’s samples and guidelines are copied to this computer, so you can label offline.
          </Text>
        </Group>
        <FormError />
        <Group justify="flex-end">
          <Button type="submit" disabled={!valid} loading={busy} data-testid="join-submit">
            Join the team
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function JoinProgressView({ join }: { join: JoinProgress }) {
  const percent = join.fraction === null ? null : Math.round(join.fraction * 100);
  return (
    <Paper withBorder p="xl" radius="md" data-testid="join-progress" maw={560} mx="auto" w="100%">
      <Stack gap="md">
        <div>
          <Title order={3} fw={650}>
            Joining {join.projectName ? <SafeText text={join.projectName} /> : 'the team'}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {join.member ? (
              <>
                As <SafeText text={join.member} className="cc-mono" />, from <SafeText text={join.hub} className="cc-mono" />.
              </>
            ) : (
              <SafeText text={join.hub} className="cc-mono" />
            )}{' '}
            Copying the project to this computer; if Concord is closed, it goes on where it stopped.
          </Text>
        </div>
        <Progress value={percent ?? 100} animated={percent === null || percent < 100} striped={percent === null} size="lg" radius="sm" data-testid="join-bar" aria-label="Initial sync" />
        <Group gap="xl">
          <Stat label="Samples" value={join.samples} testid="join-samples" />
          <Stat label="Guideline versions" value={join.guidelineVersions} testid="join-guidelines" />
          <Stat label="Done" value={percent === null ? '—' : `${percent}%`} testid="join-percent" />
        </Group>
        {join.error && (
          <Alert color="orange" variant="light" title="Waiting for the hub" data-testid="join-error">
            <Text size="sm">
              <SafeText text={join.error} />
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function Stat({ label, value, testid }: { label: string; value: number | string; testid: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={650} data-testid={testid}>
        {typeof value === 'number' ? value.toLocaleString() : value}
      </Text>
    </div>
  );
}
