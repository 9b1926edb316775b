import { Button } from '@mantine/core';
import { sectionsFor, useSession } from '../stores/session';

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
