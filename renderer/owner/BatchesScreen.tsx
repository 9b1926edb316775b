import { AppHeader } from '../components/AppHeader';

// Placeholder: being built (issue 5).
export function BatchesScreen() {
  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="batches-screen" />
    </>
  );
}
