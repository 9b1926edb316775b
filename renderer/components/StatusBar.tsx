import { Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { SafeText } from '../content/SafeText';
import { useItem } from '../stores/item';
import { useSession } from '../stores/session';

const REFRESH_MS = 20_000;

function useNavigatorOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Always visible: the guideline in force, online/offline, unsynced changes, who is signed in. */
export function StatusBar() {
  const info = useSession((s) => s.info);
  const rater = useSession((s) => s.rater);
  const screen = useSession((s) => s.screen);
  const itemGuideline = useItem((s) => (s.view ? s.view.guideline : null));
  const navOnline = useNavigatorOnline();

  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void useSession.getState().refreshInfo();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);

  const guideline = screen === 'label' && itemGuideline ? itemGuideline : info?.guideline;
  const online = Boolean(info?.online) && navOnline;
  const unsynced = info?.unsyncedChanges ?? 0;
  const connectionHelp = online
    ? 'Connected to the sync hub: changes are shared.'
    : navOnline
      ? 'No sync hub is reachable. Everything you do is saved on this machine and syncs later.'
      : 'This computer is offline. Everything you do is saved on this machine and syncs later.';

  return (
    <footer className="cc-status" data-testid="status-bar">
      <span className="cc-status-item" data-testid="status-guideline">
        Guideline <strong className="cc-mono">{guideline ? <SafeText text={`${guideline.id}@${guideline.version}`} /> : '—'}</strong>
      </span>
      <Tooltip label={connectionHelp} multiline w={280} openDelay={300}>
        <span className="cc-status-item" data-testid="status-connection" data-online={online}>
          <span className="cc-dot" data-state={online ? 'online' : 'offline'} />
          {online ? 'Online' : 'Offline · saved on this machine'}
        </span>
      </Tooltip>
      <span className="cc-status-item" data-testid="status-unsynced">
        <strong>{info ? unsynced.toLocaleString() : '—'}</strong> unsynced {unsynced === 1 ? 'change' : 'changes'}
      </span>
      <span style={{ flex: 1 }} />
      {info && (
        <span className="cc-status-item" data-testid="status-workspace" title={info.workspace}>
          Workspace <strong><SafeText text={info.workspaceName} className="cc-ellipsis" /></strong>
        </span>
      )}
      <span className="cc-status-item" data-testid="status-rater">
        {rater ? (
          <>
            Signed in <strong><SafeText text={rater.name} /></strong>
          </>
        ) : (
          'Not signed in'
        )}
      </span>
    </footer>
  );
}
