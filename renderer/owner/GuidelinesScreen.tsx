import { AppHeader } from '../components/AppHeader';

// Placeholder: being built (issue 5).
export function GuidelinesScreen() {
  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="guidelines-screen" />
    </>
  );
}
