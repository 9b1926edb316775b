import { useEffect } from 'react';
import { SafeText } from '../content/SafeText';
import { useItem } from '../stores/item';
import { useSession } from '../stores/session';
import { SyncStatus } from './SyncStatus';

const REFRESH_MS = 20_000;

/** Always visible: the guideline in force, sync (the engine's truth: SyncStatus), who is signed in. */
export function StatusBar() {
  const info = useSession((s) => s.info);
  const rater = useSession((s) => s.rater);
  const screen = useSession((s) => s.screen);
  const itemGuideline = useItem((s) => (s.view ? s.view.guideline : null));

  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void useSession.getState().refreshInfo();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);

  const guideline = screen === 'label' && itemGuideline ? itemGuideline : info?.guideline;
  const unsynced = info?.unsyncedChanges ?? 0;

  return (
    <footer className="cc-status" data-testid="status-bar">
      <span className="cc-status-item" data-testid="status-guideline">
        Guideline <strong className="cc-mono">{guideline ? <SafeText text={`${guideline.id}@${guideline.version}`} /> : '—'}</strong>
      </span>
      {rater ? (
        <SyncStatus />
      ) : (
        <span className="cc-status-item" data-testid="status-unsynced">
          <strong>{info ? unsynced.toLocaleString() : '—'}</strong> unsynced {unsynced === 1 ? 'change' : 'changes'}
        </span>
      )}
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
