import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from '../stores/session';
import { useUi } from '../stores/ui';
import { IconLogout, IconSettings } from './icons';
import { SafeText } from '../content/SafeText';
import { RoleNav } from './RoleNav';

/** The top bar every screen shares: brand, section navigation (unless `nav={false}`), the screen's own tools, settings and the profile menu. */
export function AppHeader({ children, nav = true }: { children?: ReactNode; nav?: boolean }) {
  const rater = useSession((s) => s.rater);
  return (
    <header className="cc-header" data-testid="app-header">
      <div className="cc-brand">
        <span className="cc-brand-mark" aria-hidden="true" />
        Concord
      </div>
      {nav && <RoleNav />}
      {children ? (
        <>
          <div className="cc-header-divider" />
          <div style={{ display: 'flex', alignItems: 'center', gap: 10, flex: 1, minWidth: 0 }}>{children}</div>
        </>
      ) : (
        <div style={{ flex: 1 }} />
      )}
      <Tooltip label="Settings" openDelay={400}>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Settings" data-testid="open-settings" onClick={() => useUi.getState().openModal('settings')}>
          <IconSettings size={18} />
        </ActionIcon>
      </Tooltip>
      {rater && (
        <Menu position="bottom-end" shadow="md" width={220}>
          <Menu.Target>
            <Button variant="subtle" color="gray" size="compact-sm" data-testid="rater-menu" maw={200}>
              <SafeText text={rater.name} className="cc-ellipsis" />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>
              Signed in as <SafeText text={rater.id} className="cc-mono" />
            </Menu.Label>
            <Menu.Label>
              <SafeText text={rater.roles.join(', ')} />
            </Menu.Label>
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void useSession.getState().signOut()} data-testid="switch-rater">
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </header>
  );
}
