import { Alert, Badge, Button, Group, Kbd, Loader, Text, Textarea, Tooltip } from '@mantine/core';
import { FootButton } from '../components/FootButton';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ItemView } from '../../shared/api/types';
import { rubricAnchor } from '../../shared/guidelines/rubric';
import { packHotkeys, type Field, type GuidelinePack } from '../../shared/guidelines/schema';
import { AppHeader } from '../components/AppHeader';
import { IconBook, IconCheck, IconKeyboard } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { fromDialog, isActivatable, isTypingTarget, listenKeys, modalOpen } from '../lib/keys';
import { timeAgo } from '../lib/time';
import { fieldDomId } from '../components/FieldShell';
import { RubricPanel } from '../screens/label/RubricPanel';
import { SampleView } from '../screens/label/SampleView';
import { focusReason, ruleSummary, useAdjudication } from '../stores/adjudication';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { AdjudicationCheatSheet } from './AdjudicationCheatSheet';
import { AdjudicationForm } from './AdjudicationForm';
import { GuidelineGapModal, SendBackModal } from './AdjudicationModals';
import { DisagreementQueue } from './DisagreementQueue';
import { GoldControl } from './GoldControl';
import { DisputeDefinitions, RaterLabels } from './RaterLabels';

// The adjudicator's screen. Left: the disagreement queue (rule, counts, list). Middle: the item
// (why it is here, the sample, then every rater's label side by side and the guideline on the values
// in dispute). Right: the final label, prefilled from the raters' strict majority (a field they
// split on starts empty and says so), with its required reason.
// Keyboard-only: Enter in the list opens; the guideline's hotkeys set the final label; `e` goes to
// the reason; Ctrl+Enter (or Enter outside a text field) adjudicates and opens the next open item.

type PackAction = { field: Field; value?: string | number };

function hotkeyMap(pack: GuidelinePack | null): Map<string, PackAction> {
  const map = new Map<string, PackAction>();
  if (!pack) return map;
  const byKey = new Map(pack.fields.map((f) => [f.key, f] as const));
  for (const h of packHotkeys(pack)) map.set(h.key, { field: byKey.get(h.field)!, value: h.value });
  return map;
}

function focusField(field: Field) {
  const root = document.getElementById(fieldDomId(field.key));
  if (!root) return;
  const target = field.type === 'text' ? root.querySelector<HTMLElement>('textarea') : (root.querySelector<HTMLElement>('input:checked') ?? root.querySelector<HTMLElement>('input'));
  target?.focus();
  root.scrollIntoView({ block: 'nearest' });
}

function runPackAction({ field, value }: PackAction) {
  const adj = useAdjudication.getState();
  if (value === undefined) {
    if (field.type === 'boolean') adj.setValue(field.key, adj.values[field.key] !== true);
    else focusField(field);
  } else if (field.type === 'ordinal') {
    adj.setValue(field.key, value);
  } else if (field.type === 'multi_select' || field.type === 'single_choice') {
    adj.toggleOption(field, String(value));
  }
  useUi.getState().showInRubric(rubricAnchor(field.key, value), true);
  document.getElementById(fieldDomId(field.key))?.scrollIntoView({ block: 'nearest' });
}

/** Whether one of this screen's own dialogs (or the app's) owns the keyboard. */
const dialogOpen = () => modalOpen() || useAdjudication.getState().modal !== null;

export function AdjudicationScreen() {
  const item = useAdjudication((s) => s.item);
  const pack = useAdjudication((s) => s.pack);
  const list = useAdjudication((s) => s.list);
  const currentId = useAdjudication((s) => s.currentId);
  const busy = useAdjudication((s) => s.busy);
  const guideOpen = useAdjudication((s) => s.guideOpen);
  const revealed = useAdjudication((s) => s.revealed);
  const blurSetting = useSettings((s) => s.blurGraphic);
  const contentView = useSettings((s) => s.contentView);
  const cheatSheet = useUi((s) => s.cheatSheet);
  const listRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const keys = useMemo(() => hotkeyMap(pack), [pack]);

  const view = useMemo<ItemView | null>(
    () =>
      item
        ? { sample: item.sample, guideline: item.guideline, position: 0, total: 0, state: 'todo', label: null, flagComment: null, sentBack: null, flagAnswer: null, contentWarning: item.contentWarning }
        : null,
    [item?.sample, item?.guideline], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const blurred = Boolean(view && blurSetting && !revealed && view.contentWarning);

  // First visit: the list under the current rule, the first open disagreement opened, the list in focus.
  useEffect(() => {
    listRef.current?.focus({ preventScroll: true });
    void useAdjudication
      .getState()
      .loadList()
      .then((l) => {
        const s = useAdjudication.getState();
        const first = l?.find((d) => !d.adjudicated);
        if (!s.currentId && first) void s.open(first.sampleId);
      });
    return () => useAdjudication.getState().close();
  }, []);

  // A new item: leave any text field (so keys work), start at the top.
  useLayoutEffect(() => {
    if (!currentId) return;
    const active = document.activeElement as HTMLElement | null;
    if (active && active !== document.body && active !== listRef.current && !dialogOpen()) active.blur();
    mainRef.current?.scrollTo({ top: 0 });
    formRef.current?.scrollTo({ top: 0 });
  }, [currentId]);

  useEffect(() => {
    /** Enter in the list: open the selected item and move to its final label. */
    const openSelected = async () => {
      const s = useAdjudication.getState();
      if (!s.selectedId) return;
      if (await s.open(s.selectedId)) mainRef.current?.focus({ preventScroll: true });
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || dialogOpen() || fromDialog(e.target)) return;
      const adj = useAdjudication.getState();
      const ui = useUi.getState();
      const mod = e.ctrlKey || e.metaKey;
      const done = () => e.preventDefault();
      const typing = isTypingTarget(e.target);
      // While an action is on its way to the engine, keys wait: nothing may change the label being saved.
      if (adj.busy && adj.busy !== 'loading' && e.key !== 'Escape' && !typing) {
        if (e.key.length === 1 || e.key === 'Enter' || e.key === 'Backspace') done();
        return;
      }
      if (e.key === 'Enter' && mod) {
        done();
        void adj.submit();
        return;
      }
      if (typing) {
        if (e.key === 'Escape') {
          (e.target as HTMLElement).blur();
          done();
        }
        return;
      }
      if (e.key === 'Escape') {
        if (ui.cheatSheet) ui.toggleCheatSheet(false);
        else if (adj.guideOpen) adj.toggleGuide(false);
        else listRef.current?.focus();
        done();
        return;
      }
      if (e.key === '?') {
        ui.toggleCheatSheet();
        done();
        return;
      }
      if (ui.cheatSheet || mod || e.altKey) return;

      const inList = e.target === listRef.current;
      if (inList) {
        const moves: Record<string, number | 'first' | 'last'> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, PageDown: 8, PageUp: -8, Home: 'first', End: 'last' };
        if (e.key in moves) {
          adj.moveSelection(moves[e.key]);
          done();
          return;
        }
        if (e.key === 'Enter') {
          void openSelected();
          done();
          return;
        }
      }

      if (e.shiftKey) {
        if (e.key === 'N') void adj.setAnonymize(!adj.anonymize);
        else if (e.key === 'R') adj.toggleGuide();
        else if (e.key === 'Backspace') adj.clearValues();
        else if (e.key === 'V' && adj.item && !adj.revealed && useSettings.getState().blurGraphic && adj.item.contentWarning) adj.reveal();
        else if (e.key === ' ') mainRef.current?.scrollBy({ top: -mainRef.current.clientHeight * 0.8, behavior: 'smooth' });
        else return;
        done();
        return;
      }
      if (!adj.item || !adj.pack) {
        if (e.key === 'Enter' && !isActivatable(e.target)) {
          void openSelected();
          done();
        }
        return;
      }
      switch (e.key) {
        case 'Enter':
          if (isActivatable(e.target)) return;
          void adj.submit();
          break;
        case ' ':
          if (e.target instanceof HTMLInputElement || isActivatable(e.target)) return;
          mainRef.current?.scrollBy({ top: mainRef.current.clientHeight * 0.8, behavior: 'smooth' });
          break;
        case 'e':
          focusReason();
          break;
        case 'u':
          adj.resetToMajority();
          break;
        case 'b':
          ui.toggleCheatSheet(false);
          adj.openModal('send-back');
          break;
        case 'f':
          ui.toggleCheatSheet(false);
          adj.openModal('gap');
          break;
        case 'j':
          void adj.step(1);
          break;
        case 'k':
          void adj.step(-1);
          break;
        default: {
          const action = keys.get(e.key);
          if (!action) return;
          runPackAction(action);
        }
      }
      done();
    };
    return listenKeys(onKey);
  }, [keys]);

  const open = (sampleId: string) => void useAdjudication.getState().open(sampleId);
  const openCount = list?.filter((d) => !d.adjudicated).length ?? 0;
  const current = list?.find((d) => d.sampleId === currentId) ?? null;

  return (
    <>
      <AppHeader>
        {item && (
          <>
            <Text size="sm" className="cc-mono cc-ellipsis" style={{ maxWidth: 240, flex: '0 1 auto' }} data-testid="adj-item-id">
              <SafeText text={item.sample.id} />
            </Text>
            <Badge size="md" radius="sm" color={item.adjudication ? 'teal' : 'orange'} variant="light" className="cc-badge-plain" data-testid="adj-item-state" style={{ flex: 'none' }}>
              {item.adjudication ? 'Adjudicated' : 'Open'}
            </Badge>
          </>
        )}
        {busy && busy !== 'loading' && <Loader size="xs" />}
        <span style={{ flex: 1 }} />
        <Button
          variant={guideOpen ? 'light' : 'subtle'}
          color={guideOpen ? 'indigo' : 'gray'}
          size="compact-sm"
          leftSection={<IconBook size={16} />}
          onClick={(e) => {
            e.currentTarget.blur();
            useAdjudication.getState().toggleGuide();
          }}
          aria-pressed={guideOpen}
          data-testid="adj-toggle-rubric"
          style={{ flex: 'none' }}
        >
          Rubric
        </Button>
        <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconKeyboard size={16} />} onClick={() => useUi.getState().toggleCheatSheet()} data-testid="open-cheatsheet" style={{ flex: 'none' }}>
          Keys <Kbd size="xs" ml={6}>?</Kbd>
        </Button>
      </AppHeader>

      <div className="cc-body">
        <div className="cc-adj" data-testid="adjudicate-screen" data-guide={guideOpen ? 'open' : 'closed'} data-sample-id={currentId ?? undefined}>
          {guideOpen && pack ? (
            <div
              className="cc-adj-guide"
              onClickCapture={(e) => {
                // The rubric's close button hides this panel, not the label screen's rubric setting.
                if ((e.target as Element).closest('[data-testid="close-rubric"]')) {
                  e.stopPropagation();
                  useAdjudication.getState().toggleGuide(false);
                }
              }}
            >
              <RubricPanel pack={pack} />
            </div>
          ) : (
            <DisagreementQueue listRef={listRef} onOpen={open} />
          )}

          {item && pack && view ? (
            <>
              <div className="cc-adj-main" ref={mainRef} tabIndex={-1} data-testid="adj-item" aria-label="The item in dispute">
                <ItemHead why={current?.why ?? null} />
                {/* The item first (what was asked and answered), then what the raters made of it. */}
                <section className="cc-adj-section cc-adj-sample" aria-label="The sample">
                  <SampleView view={view} contentView={contentView} blurred={blurred} warned={Boolean(blurSetting && view.contentWarning)} onReveal={useAdjudication.getState().reveal} />
                </section>
                <RaterLabels item={item} pack={pack} />
                <DisputeDefinitions item={item} pack={pack} />
              </div>
              <FinalLabel formRef={formRef} />
            </>
          ) : (
            <div className="cc-adj-main cc-adj-main-empty" ref={mainRef} tabIndex={-1}>
              {list === null || busy === 'loading' ? (
                <Loader size="sm" />
              ) : openCount === 0 ? (
                <div className="cc-adj-empty" data-testid="adj-empty">
                  <span className="cc-adj-empty-mark" aria-hidden="true">
                    <IconCheck size={26} />
                  </span>
                  <Text fw={650} size="lg">
                    {list.length ? 'All disagreements resolved' : 'No disagreements'}
                  </Text>
                  <Text size="sm" c="dimmed" ta="center" maw={420}>
                    {list.length
                      ? `Every item the rule “${ruleSummary(useAdjudication.getState().rule)}” selects has a final label (${list.length} adjudicated). Exports use these labels first.`
                      : `No item with two or more raters matches “${ruleSummary(useAdjudication.getState().rule)}”. Try another rule, or come back when more labels are in.`}
                  </Text>
                </div>
              ) : (
                <div className="cc-adj-empty" data-testid="adj-placeholder">
                  <Text fw={650}>Choose a disagreement</Text>
                  <Text size="sm" c="dimmed">
                    {openCount} open · select one in the list and press <Kbd size="xs">Enter</Kbd>
                  </Text>
                </div>
              )}
            </div>
          )}
        </div>
      </div>
      <SendBackModal />
      <GuidelineGapModal pack={pack} disputed={item?.fieldsInDispute ?? []} />
      {cheatSheet && <AdjudicationCheatSheet pack={pack} />}
    </>
  );
}

/** Why the item is here, and its earlier final label if it has one. */
function ItemHead({ why }: { why: string | null }) {
  const item = useAdjudication((s) => s.item)!;
  const adj = item.adjudication;
  return (
    <div className="cc-adj-head">
      <Group gap={8} wrap="nowrap" mb={adj ? 10 : 0}>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          Why it is here:
        </Text>
        <Text size="sm" fw={550} className="cc-ellipsis" data-testid="adj-why">
          {why ? <SafeText text={why} /> : `raters differ on ${item.fieldsInDispute.join(', ') || 'nothing (they agree)'}`}
        </Text>
      </Group>
      {adj && (
        <Alert color="teal" variant="light" p="xs" data-testid="adj-previous" title={null}>
          <Text size="sm">
            <strong>Adjudicated</strong> by <SafeText text={adj.adjudicator} /> <span title={new Date(adj.at).toLocaleString()}>{timeAgo(adj.at)}</span>. The form shows that final label;
            adjudicating again records a new one.
          </Text>
          <Text size="sm" c="dimmed" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
            Reason: <SafeText text={adj.reason} />
          </Text>
        </Alert>
      )}
    </div>
  );
}

/** The right column: the final label, its reason, and the actions. */
function FinalLabel({ formRef }: { formRef: React.RefObject<HTMLDivElement | null> }) {
  const item = useAdjudication((s) => s.item)!;
  const pack = useAdjudication((s) => s.pack)!;
  const reason = useAdjudication((s) => s.reason);
  const attempted = useAdjudication((s) => s.attempted);
  const busy = useAdjudication((s) => s.busy);
  const majority = useAdjudication((s) => s.majority);
  const values = useAdjudication((s) => s.values);
  const splitCount = useAdjudication((s) => Object.keys(s.splits).length);
  const fromMajority = JSON.stringify(values) === JSON.stringify(majority);
  const reasonMissing = attempted && !reason.trim();
  const labels = item.labels;

  return (
    <div className="cc-col-form cc-adj-form-col">
      <div className="cc-panel-head">
        <Text size="sm" fw={650}>
          Final label
        </Text>
        <Text size="xs" c="dimmed" className="cc-ellipsis" style={{ flex: 1 }} data-testid="adj-prefill">
          {fromMajority ? `majority of ${labels.length} raters${splitCount ? ` · ${splitCount} split, left to you` : ''}` : 'edited'}
        </Text>
        <Tooltip label="Back to the raters’ majority (u)" openDelay={400}>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            disabled={fromMajority}
            onClick={(e) => {
              e.currentTarget.blur();
              useAdjudication.getState().resetToMajority();
            }}
            data-testid="adj-reset"
          >
            Reset <span className="cc-kbd-inline">u</span>
          </Button>
        </Tooltip>
      </div>
      <div className="cc-form-scroll" ref={formRef} data-testid="adj-form" data-sample-id={item.sample.id}>
        <AdjudicationForm pack={pack} labels={labels} disputed={item.fieldsInDispute} />
      </div>
      <div className="cc-form-foot">
        <Textarea
          label={
            <>
              Reason for this final label <span className="cc-kbd-inline">e</span>
            </>
          }
          required
          placeholder="Why this label: what the raters missed, which rubric rule decides it."
          value={reason}
          onChange={(e) => useAdjudication.getState().setReason(e.currentTarget.value)}
          rows={3}
          resize="vertical"
          maxLength={4000}
          error={reasonMissing ? 'A reason is required' : undefined}
          data-testid="adj-reason"
          data-error={reasonMissing || undefined}
          aria-keyshortcuts="e"
          styles={{ label: { fontSize: 13, fontWeight: 650, marginBottom: 4 } }}
        />
        <Button
          fullWidth
          size="md"
          mt={10}
          onClick={() => void useAdjudication.getState().submit()}
          loading={busy === 'saving'}
          disabled={Boolean(busy) && busy !== 'saving'}
          data-testid="adj-submit"
          rightSection={<Kbd size="xs">Enter</Kbd>}
        >
          Adjudicate and next
        </Button>
        <Group grow gap={4} mt={6}>
          <FootButton label="Send back" hotkey="b" testId="adj-send-back" onClick={() => useAdjudication.getState().openModal('send-back')} />
          <FootButton label="Flag guideline gap" hotkey="f" testId="adj-flag-gap" onClick={() => useAdjudication.getState().openModal('gap')} />
        </Group>
        <GoldControl />
      </div>
    </div>
  );
}
