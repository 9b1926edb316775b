import { AppHeader } from '../components/AppHeader';

// Placeholder: being built (issue 5).
export function DashboardScreen() {
  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="dashboard-screen" />
    </>
  );
}
