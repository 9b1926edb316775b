import { Button } from '@mantine/core';
import type { Role } from '../../shared/api/types';
import { useSession, type Screen } from '../stores/session';

/** The sections a profile may open, by role. Raters only ever see their own queue. */
export const SECTIONS: { screen: Screen; label: string; role: Role }[] = [
  { screen: 'queue', label: 'Label', role: 'rater' },
  { screen: 'adjudicate', label: 'Adjudicate', role: 'adjudicator' },
  { screen: 'batches', label: 'Batches', role: 'owner' },
  { screen: 'dashboard', label: 'Agreement', role: 'owner' },
  { screen: 'guidelines', label: 'Guidelines', role: 'owner' },
  { screen: 'export', label: 'Export', role: 'owner' },
];

export function sectionsFor(roles: readonly Role[]) {
  return SECTIONS.filter((s) => roles.includes(s.role));
}

/** Header navigation between the signed-in profile's sections (hidden for a rater-only profile). */
export function RoleNav() {
  const rater = useSession((s) => s.rater);
  const screen = useSession((s) => s.screen);
  if (!rater) return null;
  const sections = sectionsFor(rater.roles);
  if (sections.length < 2) return null;
  const current = screen === 'label' ? 'queue' : screen;
  return (
    <nav className="cc-nav" aria-label="Sections" data-testid="role-nav">
      {sections.map((s) => (
        <Button
          key={s.screen}
          variant={current === s.screen ? 'light' : 'subtle'}
          color={current === s.screen ? 'indigo' : 'gray'}
          size="compact-sm"
          aria-current={current === s.screen ? 'page' : undefined}
          data-testid={`nav-${s.screen}`}
          onClick={() => useSession.getState().go(s.screen)}
        >
          {s.label}
        </Button>
      ))}
    </nav>
  );
}
