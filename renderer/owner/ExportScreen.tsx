import { Alert, Button, Code, Group, Paper, Radio, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { SafeText } from '../content/SafeText';
import { useSession } from '../stores/session';
import { CONCORD_KEYS, ExportResultCard } from './export/ExportResultCard';
import { useExport, type ExportFormat, type ExportMethod } from './export/exportStore';
import { IconDownload } from '../components/icons';

const FORMATS: { value: ExportFormat; label: string; explain: string }[] = [
  { value: 'jsonl', label: 'JSONL', explain: 'One JSON object per line: the imported row with a nested concord object. Best for pipelines.' },
  { value: 'csv', label: 'CSV', explain: 'One row per sample: the imported columns, then concord.* columns (objects as JSON text). Opens in a spreadsheet.' },
];

const METHODS: { value: ExportMethod; title: string; explain: string }[] = [
  {
    value: 'adjudicated-then-dawid-skene',
    title: 'Adjudicated, then Dawid–Skene',
    explain: 'An adjudicator’s label wins; otherwise raters are weighted by their estimated accuracy (learned from all items and gold), confidence = posterior probability.',
  },
  {
    value: 'adjudicated-then-majority',
    title: 'Adjudicated, then majority vote',
    explain: 'An adjudicator’s label wins; otherwise the most frequent value, confidence = its share of the votes; ties stay undecided (null).',
  },
];

/** The evaluation owner writes the final labels back next to the imported data. */
export function ExportScreen() {
  const format = useExport((s) => s.format);
  const method = useExport((s) => s.method);
  const running = useExport((s) => s.running);
  const result = useExport((s) => s.result);
  const error = useExport((s) => s.error);
  const info = useSession((s) => s.info);

  useEffect(() => {
    void useSession.getState().refreshInfo();
  }, []);

  const formatInfo = FORMATS.find((f) => f.value === format)!;
  const target = info ? `${info.workspace.replace(/[\\/]+$/, '')}/exports/labels.${format}` : `exports/labels.${format}`;

  return (
    <>
      <AppHeader />
      <div className="cc-body cc-export-body" data-testid="export-screen">
        <div className="cc-export">
          <div>
            <Title order={3} fw={650}>
              Export labels
            </Title>
            <Text size="sm" c="dimmed" mt={4} maw={760}>
              One row per labeled sample: the row as it was imported, untouched, plus a <Code>concord</Code> object with the final label, where it came from and how sure it is. Rows follow import order and carry no
              timestamps, so the same workspace always gives the same bytes.
            </Text>
          </div>

          <div className="cc-export-grid">
            <Paper withBorder radius="md" className="cc-export-card" data-testid="export-form">
              <Stack gap={18}>
                <div>
                  <div className="cc-export-label">Format</div>
                  <SegmentedControl
                    value={format}
                    onChange={(v) => useExport.getState().set({ format: v as ExportFormat })}
                    data={FORMATS.map((f) => ({ value: f.value, label: <span data-testid={`export-format-${f.value}`}>{f.label}</span> }))}
                    data-testid="export-format"
                    aria-label="Format"
                    w={220}
                  />
                  <Text size="xs" c="dimmed" mt={6}>
                    {formatInfo.explain}
                  </Text>
                </div>

                <div>
                  <div className="cc-export-label">Final label</div>
                  <Radio.Group value={method} onChange={(v) => useExport.getState().set({ method: v as ExportMethod })} aria-label="Method" data-testid="export-method">
                    <Stack gap={8}>
                      {METHODS.map((m) => (
                        <Radio.Card key={m.value} value={m.value} radius="md" className="cc-export-method" data-testid={`export-method-${m.value}`}>
                          <Group wrap="nowrap" align="flex-start" gap={12}>
                            <Radio.Indicator mt={2} />
                            <div style={{ minWidth: 0 }}>
                              <Text fw={600} size="sm">
                                {m.title}
                              </Text>
                              <Text size="xs" c="dimmed" mt={2}>
                                {m.explain}
                              </Text>
                              <Text size="xs" className="cc-mono cc-export-method-id" mt={4}>
                                {m.value}
                              </Text>
                            </div>
                          </Group>
                        </Radio.Card>
                      ))}
                    </Stack>
                  </Radio.Group>
                  <Text size="xs" c="dimmed" mt={8}>
                    Items with one rater keep that rater’s label (source single-rater).
                  </Text>
                </div>

                <div className="cc-export-run">
                  <Button size="md" leftSection={<IconDownload size={18} />} onClick={() => void useExport.getState().run()} loading={running} data-testid="export-run">
                    Export {format.toUpperCase()}
                  </Button>
                  <Text size="xs" c="dimmed" style={{ minWidth: 0 }}>
                    Writes <SafeText text={target} className="cc-mono" />, replacing the previous {format.toUpperCase()} export.
                  </Text>
                </div>
                {error && (
                  <Alert color="red" variant="light" title="The export failed" data-testid="export-error">
                    <Text size="sm">{error}</Text>
                  </Alert>
                )}
              </Stack>
            </Paper>

            {result ? (
              <ExportResultCard result={result} workspace={info?.workspace ?? null} />
            ) : (
              <Paper withBorder radius="md" className="cc-export-card cc-export-placeholder" data-testid="export-placeholder">
                <Text fw={650} size="sm">
                  Nothing exported in this session yet
                </Text>
                <Text size="sm" c="dimmed" mt={4} mb={10}>
                  Choose a format and how disagreements are resolved, then Export. Each row’s <Code>concord</Code> object holds:
                </Text>
                <ul className="cc-export-keylist">
                  {CONCORD_KEYS.map((k) => (
                    <li key={k.key}>
                      <span className="cc-mono cc-export-key">{k.key}</span>
                      <span>{k.what}</span>
                    </li>
                  ))}
                </ul>
              </Paper>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
