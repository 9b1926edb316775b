import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { connection } from './api/client';
import { BreakReminder } from './components/BreakReminder';
import { Notices } from './components/Notices';
import { SettingsModal } from './components/SettingsModal';
import { StatusBar } from './components/StatusBar';
import { LabelScreen } from './screens/label/LabelScreen';
import { QueueScreen } from './screens/QueueScreen';
import { SignInScreen } from './screens/SignInScreen';
import { useSession, type Screen } from './stores/session';
import { useLaunch } from './stores/launch';
import { FirstRunScreen } from './launch/FirstRunScreen';
import { AdjudicationScreen } from './adjudicator/AdjudicationScreen';
import { BatchesScreen } from './owner/BatchesScreen';
import { DashboardScreen } from './owner/DashboardScreen';
import { ExportScreen } from './owner/ExportScreen';
import { GuidelinesScreen } from './owner/GuidelinesScreen';
import { PeopleScreen } from './owner/PeopleScreen';
import { FlaggedScreen } from './review/FlaggedScreen';
import { TeamScreen } from './owner/TeamScreen';

const SCREENS: Record<Exclude<Screen, 'signin'>, () => React.JSX.Element> = {
  queue: QueueScreen,
  label: LabelScreen,
  adjudicate: AdjudicationScreen,
  flagged: FlaggedScreen,
  batches: BatchesScreen,
  dashboard: DashboardScreen,
  guidelines: GuidelinesScreen,
  export: ExportScreen,
  people: PeopleScreen,
  team: TeamScreen,
};

export function App() {
  const screen = useSession((s) => s.screen);
  const rater = useSession((s) => s.rater);
  const resumed = useSession((s) => s.resumed);
  const stage = useLaunch((s) => s.view?.stage);

  useEffect(() => {
    if (connection.kind === 'none') return;
    // First whether the app has its workspace (the first run offers the ways in); once it has, a
    // reload keeps the window's (or tab's) session: the launch store asks the engine who it is.
    void useLaunch.getState().load();
  }, []);

  if (connection.kind === 'none') return <NoConnection />;
  if (stage !== 'ready') {
    return (
      <div className="cc-app" data-screen="first-run">
        {stage ? <FirstRunScreen /> : <div className="cc-body" />}
        <footer className="cc-status" data-testid="status-bar" />
        <Notices />
      </div>
    );
  }

  return (
    <div className="cc-app" data-screen={screen}>
      {!resumed ? <div className="cc-body" /> : screen === 'signin' || !rater ? <SignInScreen /> : <Current screen={screen} />}
      <StatusBar />
      <Notices />
      <SettingsModal />
      {rater && <BreakReminder />}
    </div>
  );
}

function Current({ screen }: { screen: Exclude<Screen, 'signin'> }) {
  const Component = SCREENS[screen];
  return <Component />;
}

function NoConnection() {
  return (
    <div className="cc-center">
      <Stack maw={560} gap="md">
        <Title order={2}>Concord</Title>
        <Alert color="orange" title="Not connected to the engine" data-testid="no-connection">
          <Text size="sm">
            This page needs the access token that the Concord server prints when it starts. Open the full link it printed, for example{' '}
            <Code>http://127.0.0.1:PORT/#token=…</Code>. The token is removed from the address bar as soon as the page has read it.
          </Text>
        </Alert>
      </Stack>
    </div>
  );
}
