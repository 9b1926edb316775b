import { AppHeader } from '../components/AppHeader';

// Placeholder: being built (issue 5).
export function AdjudicationScreen() {
  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="adjudication-screen" />
    </>
  );
}
