import { Notification } from '@mantine/core';
import { safeText } from '../content/SafeText';
import { useNotices, type NoticeTone } from '../stores/notices';

const colors: Record<NoticeTone, string> = { error: 'red', warning: 'orange', info: 'indigo', success: 'teal' };

/** Notifications, bottom left, clear of every primary action (see .cc-notices). Errors stay until dismissed. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="cc-notices" aria-live="polite">
      {notices.map((n) => (
        <Notification
          key={n.id}
          color={colors[n.tone]}
          title={safeText(n.title)}
          onClose={() => dismiss(n.id)}
          role={n.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-tone={n.tone}
          withBorder
          closeButtonProps={{ 'aria-label': 'Dismiss notification' }}
        >
          {n.message ? <span className="cc-isolate">{safeText(n.message)}</span> : null}
        </Notification>
      ))}
    </div>
  );
}
