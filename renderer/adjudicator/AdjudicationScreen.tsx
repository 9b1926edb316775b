import { Alert, Badge, Button, Group, Kbd, Loader, Text, Textarea, Tooltip } from '@mantine/core';
import { FootButton } from '../components/FootButton';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ItemView } from '../../shared/api/types';
import { ADJUDICATION_KEYS, DISAGREEMENT_LIST_KEYS, findAction, findPackHotkey, type AdjudicationAction, type DisagreementListAction } from '../../shared/keys/screens';
import { AppHeader } from '../components/AppHeader';
import { IconBook, IconCheck, IconKeyboard } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { fromDialog, isActivatable, isTypingTarget, listenKeys, modalOpen } from '../lib/keys';
import { runPackHotkey } from '../lib/packKeys';
import { timeAgo } from '../lib/time';
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

/** Where each of the list's keys moves its cursor. */
const LIST_MOVES: Record<Exclude<DisagreementListAction, 'open'>, number | 'first' | 'last'> = { down: 1, up: -1, pageDown: 8, pageUp: -8, first: 'first', last: 'last' };

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

    /** Does what the sheet says the action does; false when the key is not this action's here (left to the browser). */
    const run = (action: AdjudicationAction, target: EventTarget | null): boolean => {
      const adj = useAdjudication.getState();
      const ui = useUi.getState();
      const scroll = (share: number) => mainRef.current?.scrollBy({ top: share * mainRef.current.clientHeight, behavior: 'smooth' });
      switch (action) {
        case 'escape':
          if (ui.cheatSheet) ui.toggleCheatSheet(false);
          else if (adj.guideOpen) adj.toggleGuide(false);
          else listRef.current?.focus();
          return true;
        case 'help':
          ui.toggleCheatSheet();
          return true;
        case 'toggleNames':
          void adj.setAnonymize(!adj.anonymize);
          return true;
        case 'toggleRubric':
          adj.toggleGuide();
          return true;
        case 'clear':
          adj.clearValues();
          return true;
        case 'reveal':
          if (!adj.item || adj.revealed || !useSettings.getState().blurGraphic || !adj.item.contentWarning) return false;
          adj.reveal();
          return true;
        case 'scrollUp':
          scroll(-0.8);
          return true;
        case 'scrollDown':
          if (target instanceof HTMLInputElement || isActivatable(target)) return false;
          scroll(0.8);
          return true;
      }
      // The rest act on the open item; with none open, Enter opens the one selected in the list.
      if (!adj.item || !adj.pack) {
        if (action !== 'submit' || isActivatable(target)) return false;
        void openSelected();
        return true;
      }
      switch (action) {
        case 'submit':
          if (isActivatable(target)) return false;
          void adj.submit();
          return true;
        case 'submitFromText':
          void adj.submit();
          return true;
        case 'writeReason':
          focusReason();
          return true;
        case 'resetToMajority':
          adj.resetToMajority();
          return true;
        case 'sendBack':
        case 'flagGap':
          ui.toggleCheatSheet(false);
          adj.openModal(action === 'sendBack' ? 'send-back' : 'gap');
          return true;
        case 'next':
        case 'previous':
          void adj.step(action === 'next' ? 1 : -1);
          return true;
      }
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || dialogOpen() || fromDialog(e.target)) return;
      const adj = useAdjudication.getState();
      const action = findAction(ADJUDICATION_KEYS, e);
      const typing = isTypingTarget(e.target);
      // While an action is on its way to the engine, keys wait: nothing may change the label being saved.
      if (adj.busy && adj.busy !== 'loading' && action !== 'escape' && !typing) {
        if (e.key.length === 1 || e.key === 'Enter' || e.key === 'Backspace') e.preventDefault();
        return;
      }
      // In a text field only Ctrl+Enter and Esc (which leaves the field) are keys.
      if (typing && action !== 'submitFromText') {
        if (action === 'escape') {
          (e.target as HTMLElement).blur();
          e.preventDefault();
        }
        return;
      }
      if (useUi.getState().cheatSheet && action !== 'help' && action !== 'escape') return;
      // The list in focus takes over its own keys (j, k, Enter, ...).
      const listAction = e.target === listRef.current ? findAction(DISAGREEMENT_LIST_KEYS, e) : undefined;
      if (listAction) {
        if (listAction === 'open') void openSelected();
        else adj.moveSelection(LIST_MOVES[listAction]);
        e.preventDefault();
        return;
      }
      if (action) {
        if (run(action, e.target)) e.preventDefault();
        return;
      }
      const hotkey = adj.item && adj.pack ? findPackHotkey(adj.pack, e) : undefined;
      if (!hotkey || !adj.pack) return;
      runPackHotkey(adj.pack, hotkey, adj);
      e.preventDefault();
    };
    return listenKeys(onKey);
  }, []);

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
