import { AppHeader } from '../components/AppHeader';

// Placeholder: being built (issue 5).
export function ExportScreen() {
  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="export-screen" />
    </>
  );
}
