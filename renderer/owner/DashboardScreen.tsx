import { Alert, Button, Group, Paper, Select, Skeleton, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { AppHeader } from '../components/AppHeader';
import { scopeLine } from '../../shared/agreement/scope';
import { SafeText } from '../content/SafeText';
import { useAgreement } from '../stores/agreement';
import { useSync } from '../stores/sync';
import { AlphaSection } from './dashboard/AlphaSection';
import { FieldCards } from './dashboard/FieldCards';
import { FieldDetail } from './dashboard/FieldDetail';
import { GradersSection } from './dashboard/GradersSection';
import { Headline } from './dashboard/Headline';
import { Throughput, Trends } from './dashboard/Trends';

const ALL = '__all__';

/** The evaluation owner's agreement dashboard: how far raters agree, where they do not, and how fast they work. */
export function DashboardScreen() {
  const view = useAgreement((s) => s.view);
  const loading = useAgreement((s) => s.loading);
  const error = useAgreement((s) => s.error);
  const bootstrap = useAgreement((s) => s.bootstrap);
  const seed = useAgreement((s) => s.seed);
  const loadedAt = useAgreement((s) => s.loadedAt);
  const filtered = useAgreement((s) => s.field !== null || s.version !== null || s.batch !== null);

  useEffect(() => {
    const s = useAgreement.getState();
    void s.load();
    void s.loadVersions();
  }, []);

  // The team's work arriving through the background sync recomputes the figures (their labels are in them).
  const pulledThrough = useSync((s) => s.status?.pulledThrough);
  const seen = useRef(pulledThrough);
  useEffect(() => {
    if (pulledThrough === undefined || pulledThrough === seen.current) return;
    const first = seen.current === undefined;
    seen.current = pulledThrough;
    if (!first) {
      void useAgreement.getState().load();
      void useAgreement.getState().loadVersions();
    }
  }, [pulledThrough]);

  const ciNote = `95% CI, ${bootstrap} resamples, seed ${seed}`;

  return (
    <>
      <AppHeader />
      <div className="cc-body cc-dash-body" data-testid="dashboard-screen" data-loading={loading ? 'true' : 'false'}>
        <div className="cc-dash">
          <div className="cc-dash-top">
            <div style={{ minWidth: 0 }}>
              <Title order={3} fw={650}>
                Agreement
              </Title>
              <Text size="xs" c="dimmed" mt={2} data-testid="dashboard-ci-note">
                Krippendorff’s α with bootstrap intervals ({ciNote})
                {loadedAt ? ` · computed ${new Date(loadedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}
              </Text>
              {view && (
                <Text size="xs" c="dimmed" data-testid="dashboard-scope">
                  <SafeText text={scopeLine(view.report)} />
                </Text>
              )}
            </div>
            <Filters />
          </div>
          {view ? (
            <div className="cc-dash-content" data-stale={loading ? 'true' : undefined}>
              {error && !loading && (
                <Alert color="red" variant="light" title="Could not refresh: these are the last figures computed" data-testid="dashboard-error">
                  <Text size="sm">{error}</Text>
                </Alert>
              )}
              <Headline view={view} />
              {view.report.counts.labels === 0 ? (
                <Alert color="gray" variant="light" title={filtered ? 'No labels match these filters' : 'No labels yet'} data-testid="dashboard-empty">
                  {filtered
                    ? 'Nothing matches these filters. Choose “All batches”, “All versions” and “All fields” to see every label.'
                    : 'Agreement appears here once at least two raters have labeled the same items. Create a batch with overlap under Batches.'}
                </Alert>
              ) : (
                <>
                  <FieldCards fields={view.report.fields} threshold={view.threshold} />
                  <AlphaSection view={view} ciNote={ciNote} />
                  <FieldDetail fields={view.report.fields} />
                  <Trends view={view} />
                  <Throughput view={view} />
                  <GradersSection />
                </>
              )}
            </div>
          ) : error ? (
            <Alert color="red" variant="light" title="Could not compute agreement" data-testid="dashboard-error">
              <Text size="sm">{error}</Text>
              <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void useAgreement.getState().load()} loading={loading}>
                Try again
              </Button>
            </Alert>
          ) : (
            <LoadingSkeleton />
          )}
        </div>
      </div>
    </>
  );
}

function Filters() {
  const field = useAgreement((s) => s.field);
  const version = useAgreement((s) => s.version);
  const fields = useAgreement((s) => s.fields);
  const versions = useAgreement((s) => s.versions);
  const batch = useAgreement((s) => s.batch);
  const batches = useAgreement((s) => s.batches);
  const loading = useAgreement((s) => s.loading);
  const batchData = useMemo(() => [{ value: ALL, label: 'All batches' }, ...(batches ?? []).map((b) => ({ value: b.batchId, label: `${b.name} · ${b.items.toLocaleString('en-US')} items` }))], [batches]);

  const fieldData = useMemo(() => [{ value: ALL, label: 'All fields' }, ...fields.map((f) => ({ value: f.key, label: f.title }))], [fields]);
  const versionData = useMemo(() => {
    const seen = new Set<string>();
    const out = [{ value: ALL, label: 'All versions' }];
    for (const v of versions ?? []) {
      if (seen.has(v.version)) continue;
      seen.add(v.version);
      out.push({ value: v.version, label: `${v.version}${v.active ? ' (active)' : ''} · ${v.labels.toLocaleString('en-US')} labels` });
    }
    return out;
  }, [versions]);

  return (
    <Group gap="xs" wrap="nowrap" className="cc-dash-filters">
      <Select
        size="xs"
        w={210}
        value={batch ?? ALL}
        data={batchData}
        onChange={(v) => useAgreement.getState().setFilters({ batch: !v || v === ALL ? null : v })}
        allowDeselect={false}
        aria-label="Batch"
        data-testid="dashboard-batch-filter"
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        size="xs"
        w={200}
        value={field ?? ALL}
        data={fieldData}
        onChange={(v) => useAgreement.getState().setFilters({ field: !v || v === ALL ? null : v })}
        allowDeselect={false}
        aria-label="Field"
        data-testid="dashboard-field-filter"
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        size="xs"
        w={210}
        value={version ?? ALL}
        data={versionData}
        onChange={(v) => useAgreement.getState().setFilters({ version: !v || v === ALL ? null : v })}
        allowDeselect={false}
        aria-label="Guideline version"
        data-testid="dashboard-version-filter"
      />
      <Button size="xs" variant="default" onClick={() => void useAgreement.getState().load()} loading={loading} data-testid="dashboard-refresh">
        Refresh
      </Button>
    </Group>
  );
}

function LoadingSkeleton() {
  return (
    <div className="cc-dash-content" data-testid="dashboard-loading" aria-busy="true">
      <div className="cc-dash-kpis">
        {Array.from({ length: 7 }, (_, i) => (
          <Paper withBorder radius="md" className="cc-dash-kpi" key={i}>
            <Skeleton height={10} width="50%" mb={10} />
            <Skeleton height={22} width="70%" />
          </Paper>
        ))}
      </div>
      <div className="cc-dash-fields">
        {Array.from({ length: 4 }, (_, i) => (
          <Paper withBorder radius="md" className="cc-dash-field" key={i}>
            <Skeleton height={12} width="60%" mb={14} />
            <Skeleton height={30} width="40%" mb={12} />
            <Skeleton height={6} mb={12} />
            <Skeleton height={10} width="80%" />
          </Paper>
        ))}
      </div>
      <Paper withBorder radius="md" className="cc-dash-card" p="md">
        <Skeleton height={12} width="30%" mb={16} />
        <Skeleton height={280} />
      </Paper>
      <Text size="sm" c="dimmed" ta="center">
        Computing agreement…
      </Text>
    </div>
  );
}
