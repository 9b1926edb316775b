import { ActionIcon, Badge, Code, CopyButton, Paper, Table, Text, Tooltip } from '@mantine/core';
import { concordCommand, shellQuote } from '../../../shared/cli/concordCommand';
import { IconCheck } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import type { ExportFormat, ExportMethod, ExportRun } from './exportStore';
import { IconCopy } from '../../components/icons';

export function cliCommand(workspace: string | null, out: string | null, format: ExportFormat, method: ExportMethod): string {
  return concordCommand(`export --workspace ${workspace ? shellQuote(workspace) : 'DIR'} --out ${out ? shellQuote(out) : 'PATH'} --format ${format} --method ${method}`);
}

export function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label} openDelay={200} withArrow>
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={15} /> : <IconCopy size={15} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

const SOURCES = [
  { key: 'adjudicated', label: 'Adjudicated', hint: 'an adjudicator’s final label', color: 'var(--mantine-color-indigo-6)' },
  { key: 'aggregated', label: 'Aggregated', hint: 'several raters, combined by the method', color: 'var(--mantine-color-teal-6)' },
  { key: 'single-rater', label: 'Single rater', hint: 'the only label the item has', color: 'var(--mantine-color-gray-5)' },
  { key: 'unresolved', label: 'Unresolved', hint: 'no label the guideline allows: adjudicate', color: 'var(--mantine-color-orange-6)' },
] as const;

export const CONCORD_KEYS: { key: string; what: string }[] = [
  { key: 'values', what: 'the final label: field → value, in the guideline’s shape (null when unresolved; aggregated labels carry no free text)' },
  { key: 'source', what: 'adjudicated, aggregated, single-rater, or unresolved (a tie or a combination the guideline forbids: no final values)' },
  { key: 'confidence', what: '1 when adjudicated; when aggregated, the Dawid–Skene posterior of the whole label, or with majority vote the Laplace-smoothed share of raters who gave it; null otherwise' },
  { key: 'method', what: 'the export method; aggregatedBy says which one produced an aggregated label' },
  { key: 'guideline', what: 'the version the final label was made under; labelVersions and mapping when the raters’ labels span versions' },
  { key: 'adjudication', what: 'adjudicated rows: the adjudicator’s reason and pseudonymous id' },
  { key: 'raters', what: 'how many raters labeled the item' },
  { key: 'agreement', what: 'share of rater pairs that agree, averaged over the fields (null with fewer than 2 raters)' },
  { key: 'raterIds', what: 'pseudonymous rater ids (r-…): stable within this workspace, not reversible to names' },
];

export function ExportResultCard({ result, workspace }: { result: ExportRun; workspace: string | null }) {
  const total = Math.max(1, result.rows);
  const cli = cliCommand(workspace, result.file, result.format, result.method);
  return (
    <Paper withBorder radius="md" className="cc-export-card cc-export-result" data-testid="export-result">
      <div className="cc-export-result-head">
        <span className="cc-export-done" aria-hidden="true">
          <IconCheck size={16} />
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text fw={650} size="md">
            Export written
          </Text>
          <Text size="xs" c="dimmed">
            {result.format.toUpperCase()} · {result.method} · {new Date(result.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
          </Text>
        </div>
      </div>

      <div className="cc-export-label">File</div>
      <div className="cc-export-path">
        <code className="cc-mono cc-export-path-text" data-testid="export-file">
          <SafeText text={result.file} />
        </code>
        <Copy value={result.file} label="Copy the path" />
      </div>

      <div className="cc-export-stats">
        <div className="cc-export-stat cc-export-stat-rows">
          <div className="cc-export-label">Rows</div>
          <div className="cc-export-stat-value" data-testid="export-rows">
            {result.rows.toLocaleString('en-US')}
          </div>
          <div className="cc-export-stat-hint">one per labeled sample</div>
        </div>
        {SOURCES.map((s) => (
          <div className="cc-export-stat" key={s.key}>
            <div className="cc-export-label">
              <span className="cc-export-swatch" style={{ background: s.color }} />
              {s.label}
            </div>
            <div className="cc-export-stat-value" data-testid={`export-source-${s.key}`}>
              {result.bySource[s.key].toLocaleString('en-US')}
            </div>
            <div className="cc-export-stat-hint">{s.hint}</div>
          </div>
        ))}
      </div>
      <div className="cc-export-bar" aria-hidden="true">
        {SOURCES.map((s) => (result.bySource[s.key] > 0 ? <span key={s.key} style={{ width: `${(result.bySource[s.key] / total) * 100}%`, background: s.color }} /> : null))}
      </div>

      {result.aggregation
        .filter((g) => g.fallback)
        .map((g) => (
          <Text size="xs" c="dimmed" mt={8} key={g.version} data-testid="export-fallback">
            Under <SafeText text={g.version} />: <SafeText text={g.fallback!} />.
          </Text>
        ))}

      <div className="cc-export-label" style={{ marginTop: 18 }}>
        Same export from the command line
      </div>
      <div className="cc-export-cli">
        <code className="cc-mono" data-testid="export-cli">
          <SafeText text={cli} />
        </code>
        <Copy value={cli} label="Copy the command" />
      </div>
      <div className="cc-export-label" style={{ marginTop: 18 }}>
        What each row gets
      </div>
      <Text size="sm" mb={6}>
        The imported row, untouched, plus one <Code>concord</Code> object{result.format === 'csv' ? <> (as <Code>concord.*</Code> columns; objects as JSON text)</> : null}:
      </Text>
      <Table className="cc-export-keys" verticalSpacing={2} horizontalSpacing={8} withRowBorders={false} data-testid="export-concord-keys">
        <Table.Tbody>
          {CONCORD_KEYS.map((k) => (
            <Table.Tr key={k.key}>
              <Table.Td className="cc-mono cc-export-key">{k.key}</Table.Td>
              <Table.Td>{k.what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {result.rows === 0 && (
        <Badge color="yellow" variant="light" mt="sm" className="cc-badge-plain">
          No sample has a label yet: the file is empty.
        </Badge>
      )}
    </Paper>
  );
}
