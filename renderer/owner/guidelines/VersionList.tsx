import { Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import type { GuidelineVersionInfo } from '../../../shared/api/types';
import { compareSemver } from '../../../shared/guidelines/semver';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { useOwner } from '../../stores/owner';

// The left column: every guideline pack in the workspace and its published versions, newest first,
// with the active one marked, how many labels each holds and how many gap notes it collected.

export function VersionList({ versions }: { versions: GuidelineVersionInfo[] }) {
  const selected = useOwner((s) => s.selected);
  const tab = useOwner((s) => s.tab);
  const draft = useOwner((s) => s.draft);
  const packs = useMemo(() => {
    const byId = new Map<string, GuidelineVersionInfo[]>();
    for (const v of versions) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
    return [...byId].map(([id, vs]) => ({ id, versions: vs.sort((a, b) => compareSemver(b.version, a.version)) }));
  }, [versions]);
  const draftVersion = draft ? (draft.mode === 'form' ? draft.pack.version : 'draft') : null;

  return (
    <nav className="cc-gl-side" aria-label="Guideline versions" data-testid="guideline-versions">
      {packs.map((p) => (
        <div key={p.id} className="cc-gl-pack">
          <div className="cc-gl-pack-head">
            <Text size="sm" fw={650} lh={1.3} dir="auto">
              <SafeText text={p.versions[0]?.title ?? p.id} />
            </Text>
            <Text size="xs" c="dimmed" className="cc-mono">
              <SafeText text={p.id} />
            </Text>
          </div>
          {draft && draft.base.id === p.id && (
            <UnstyledButton
              className="cc-gl-version cc-gl-version-draft"
              aria-current={tab === 'draft' ? 'true' : undefined}
              onClick={() => useOwner.getState().setTab('draft')}
              data-testid="version-draft"
            >
              <Group gap={6} wrap="nowrap">
                <Text span fw={650} size="sm" className="cc-mono">
                  <SafeText text={draftVersion ?? ''} />
                </Text>
                <Badge size="xs" color="yellow" variant="light" className="cc-badge-plain">
                  draft
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" mt={2}>
                from {draft.base.version} · not published
              </Text>
            </UnstyledButton>
          )}
          {p.versions.map((v) => {
            const isSel = selected?.id === v.id && selected.version === v.version && tab !== 'draft';
            const open = v.notes.filter((n) => !n.resolution).length;
            return (
              <UnstyledButton
                key={v.version}
                className="cc-gl-version"
                aria-current={isSel ? 'true' : undefined}
                onClick={() => useOwner.getState().select({ id: v.id, version: v.version })}
                data-testid="version-row"
                data-version={v.version}
                data-active={v.active || undefined}
              >
                <Group gap={6} wrap="nowrap">
                  <Text span fw={650} size="sm" className="cc-mono">
                    {v.version}
                  </Text>
                  {v.active && (
                    <Badge size="xs" color="teal" variant="light" className="cc-badge-plain" data-testid="version-active">
                      active
                    </Badge>
                  )}
                  <div style={{ flex: 1 }} />
                  {open > 0 && (
                    <Tooltip label={`${open} open gap ${open === 1 ? 'note' : 'notes'} from adjudicators`} openDelay={300}>
                      <Badge size="xs" color="orange" variant="light" className="cc-badge-plain" data-testid="version-notes">
                        {open} {open === 1 ? 'note' : 'notes'}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
                <Text size="xs" c="dimmed" mt={2}>
                  {v.labels.toLocaleString()} {v.labels === 1 ? 'label' : 'labels'} · {timeAgo(v.publishedAt)}
                </Text>
              </UnstyledButton>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
