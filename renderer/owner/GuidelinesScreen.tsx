import { Alert, Badge, Button, Group, Loader, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { GuidelineVersionInfo } from '../../shared/api/types';
import { concordCommand } from '../../shared/cli/concordCommand';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { AppHeader } from '../components/AppHeader';
import { SafeText } from '../content/SafeText';
import { refKey, useOwner, type GuidelineTab } from '../stores/owner';
import { DiffView } from './guidelines/DiffView';
import { DraftEditor } from './guidelines/DraftEditor';
import { GapNotesTab } from './guidelines/GapNotes';
import { RubricView, scrollToAnchor } from './guidelines/RubricView';
import { SchemaView } from './guidelines/SchemaView';
import { VersionList } from './guidelines/VersionList';

// The evaluation owner's guideline versions: read a version (rubric and schema), compare two, read
// the gaps adjudicators flagged, and write, validate and publish the next version. Published
// versions are read-only; every label keeps the version it was made under.

export function GuidelinesScreen() {
  const versions = useOwner((s) => s.versions);
  const versionsError = useOwner((s) => s.versionsError);
  const selected = useOwner((s) => s.selected);
  const tab = useOwner((s) => s.tab);
  const draft = useOwner((s) => s.draft);
  const pack = useOwner((s) => (selected ? s.packs[refKey(selected)] : undefined));
  const info = versions?.find((v) => v.id === selected?.id && v.version === selected?.version);
  const openNotes = info?.notes.filter((n) => !n.resolution).length ?? 0;

  useEffect(() => {
    // After a reload, the draft this owner was writing comes back from this machine's copy.
    void useOwner
      .getState()
      .loadVersions()
      .then(() => useOwner.getState().restoreSavedDraft());
  }, []);
  useEffect(() => {
    if (selected) void useOwner.getState().loadPack(selected);
  }, [selected]);

  const onTab = (value: string | null) => {
    if (!value) return;
    const s = useOwner.getState();
    if (value === 'draft' && !s.draft) {
      if (s.selected) void s.startDraft(s.selected);
      return;
    }
    s.setTab(value as GuidelineTab);
  };

  const draftLabel = draft ? `Draft ${draft.mode === 'form' ? draft.pack.version : ''}`.trim() : 'Draft new version';

  return (
    <>
      <AppHeader />
      <div className="cc-body" data-testid="guidelines-screen">
        {versions === null ? (
          <div className="cc-center">
            {versionsError ? (
              <Alert color="red" title="Could not load the guideline versions" maw={520}>
                <SafeText text={versionsError} />
                <Group mt="sm">
                  <Button size="xs" variant="light" color="red" onClick={() => void useOwner.getState().loadVersions()}>
                    Try again
                  </Button>
                </Group>
              </Alert>
            ) : (
              <Group gap="xs">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  Loading the guideline versions…
                </Text>
              </Group>
            )}
          </div>
        ) : versions.length === 0 || !selected || !info ? (
          <div className="cc-center">
            <Alert color="gray" title="No guideline is published in this workspace" maw={560}>
              A workspace gets its first guideline version when it is created (<span className="cc-mono">{concordCommand('init --workspace DIR --guideline ID@VERSION')}</span>); later versions are drafted and published here.
            </Alert>
          </div>
        ) : (
          <div className="cc-gl">
            <VersionList versions={versions} />
            <main className="cc-gl-main">
              <VersionHeader info={info} pack={pack} drafting={tab === 'draft' && !!draft} />
              <Tabs value={tab} onChange={onTab} className="cc-gl-tabs" keepMounted={false}>
                <Tabs.List className="cc-gl-tablist">
                  <Tabs.Tab value="rubric" data-testid="tab-rubric">
                    Rubric
                  </Tabs.Tab>
                  <Tabs.Tab value="diff" data-testid="tab-diff">
                    Diff
                  </Tabs.Tab>
                  <Tabs.Tab
                    value="notes"
                    data-testid="tab-notes"
                    rightSection={
                      openNotes ? (
                        <Badge size="xs" color="orange" variant="light" circle data-testid="open-gap-count">
                          {openNotes}
                        </Badge>
                      ) : undefined
                    }
                  >
                    Gap notes
                  </Tabs.Tab>
                  <Tabs.Tab value="draft" data-testid="draft-new-version" className="cc-gl-drafttab" data-has-draft={draft ? 'true' : undefined}>
                    {draft ? draftLabel : `+ ${draftLabel}`}
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="rubric" className="cc-gl-panel">
                  {pack ? <RubricTab pack={pack} /> : <PanelLoading />}
                </Tabs.Panel>
                <Tabs.Panel value="diff" className="cc-gl-panel">
                  <DiffView id={info.id} selected={info.version} versions={versions} />
                </Tabs.Panel>
                <Tabs.Panel value="notes" className="cc-gl-panel">
                  <GapNotesTab info={info} />
                </Tabs.Panel>
                <Tabs.Panel value="draft" className="cc-gl-panel">
                  {draft ? <DraftEditor draft={draft} /> : <PanelLoading />}
                </Tabs.Panel>
              </Tabs>
            </main>
          </div>
        )}
      </div>
    </>
  );
}

function PanelLoading() {
  return (
    <Group p="md" gap="xs">
      <Loader size="xs" />
      <Text size="sm" c="dimmed">
        Loading…
      </Text>
    </Group>
  );
}

function VersionHeader({ info, pack, drafting }: { info: GuidelineVersionInfo; pack: GuidelinePack | undefined; drafting: boolean }) {
  const draft = useOwner((s) => s.draft);
  if (drafting && draft) {
    const v = draft.mode === 'form' ? draft.pack.version : 'new version';
    return (
      <div className="cc-gl-head" data-testid="guideline-head">
        <Group gap={10} wrap="nowrap">
          <Title order={4} fw={650} className="cc-ellipsis">
            <SafeText text={draft.mode === 'form' ? draft.pack.title : draft.base.id} />
          </Title>
          <Badge variant="light" color="yellow" className="cc-badge-plain cc-mono" size="lg" radius="sm">
            {v} draft
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          <span className="cc-mono">{draft.base.id}</span> · drafted from {draft.base.version} · not published: saved on this machine, only you see it
        </Text>
      </div>
    );
  }
  return (
    <div className="cc-gl-head" data-testid="guideline-head">
      <Group gap={10} wrap="nowrap">
        <Title order={4} fw={650} className="cc-ellipsis">
          <SafeText text={pack?.title ?? info.title} />
        </Title>
        <Badge variant="light" color="indigo" className="cc-badge-plain cc-mono" size="lg" radius="sm" data-testid="guideline-version">
          {info.version}
        </Badge>
        {info.active && (
          <Badge variant="dot" color="teal" className="cc-badge-plain" size="lg">
            active
          </Badge>
        )}
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          read-only
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        <span className="cc-mono">{info.id}</span> · published {new Date(info.publishedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
        {info.labels.toLocaleString()} {info.labels === 1 ? 'label' : 'labels'} made under it
        {pack ? ` · ${pack.fields.length} fields` : ''}
      </Text>
    </div>
  );
}

function RubricTab({ pack }: { pack: GuidelinePack }) {
  const rubricRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    rubricRef.current?.scrollTo({ top: 0 });
  }, [pack]);
  return (
    <div className="cc-gl-read">
      <div className="cc-gl-read-schema">
        <div className="cc-gl-colhead">Label schema</div>
        <SchemaView pack={pack} onAnchor={(a) => scrollToAnchor(rubricRef.current, a)} />
      </div>
      <div className="cc-gl-read-rubric" ref={rubricRef} data-testid="guideline-rubric">
        <RubricView rubric={pack.rubric} scrollRef={rubricRef} />
      </div>
    </div>
  );
}
