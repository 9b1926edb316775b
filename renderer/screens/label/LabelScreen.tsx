import { Badge, Button, Group, Kbd, Loader, Text, Tooltip } from '@mantine/core';
import { FootButton } from '../../components/FootButton';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rubricAnchor } from '../../../shared/guidelines/rubric';
import { packHotkeys, type Field, type GuidelinePack } from '../../../shared/guidelines/schema';
import { AppHeader } from '../../components/AppHeader';
import { CheatSheet } from '../../components/CheatSheet';
import { IconArrowLeft, IconBook, IconCheck, IconKeyboard } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import { fromDialog, listenKeys, isActivatable, isTypingTarget, modalOpen } from '../../lib/keys';
import { timeAgo } from '../../lib/time';
import { useItem, type Busy } from '../../stores/item';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { STATE_BADGE } from '../QueueScreen';
import { FlagModal } from './FlagModal';
import { fieldDomId } from '../../components/FieldShell';
import { LabelForm } from './LabelForm';
import { RubricPanel } from './RubricPanel';
import { SampleView } from './SampleView';

type PackAction = { field: Field; value?: string | number };

function hotkeyMap(pack: GuidelinePack): Map<string, PackAction> {
  const byKey = new Map(pack.fields.map((f) => [f.key, f] as const));
  const map = new Map<string, PackAction>();
  for (const h of packHotkeys(pack)) map.set(h.key, { field: byKey.get(h.field)!, value: h.value });
  return map;
}

/** The text field `e` focuses: the one keyed "rationale", else the first text field. */
function rationaleField(pack: GuidelinePack): Field | undefined {
  return pack.fields.find((f) => f.type === 'text' && f.key === 'rationale') ?? pack.fields.find((f) => f.type === 'text');
}

function focusField(field: Field) {
  const root = document.getElementById(fieldDomId(field.key));
  if (!root) return;
  const target =
    field.type === 'text'
      ? root.querySelector<HTMLElement>('textarea')
      : (root.querySelector<HTMLElement>('input:checked') ?? root.querySelector<HTMLElement>('input'));
  target?.focus();
  root.scrollIntoView({ block: 'nearest' });
}

function runPackAction(action: PackAction) {
  const item = useItem.getState();
  const { field, value } = action;
  if (value === undefined) {
    if (field.type === 'boolean') item.setValue(field.key, item.values[field.key] !== true);
    else focusField(field);
  } else if (field.type === 'ordinal') {
    item.setValue(field.key, value);
  } else if (field.type === 'multi_select' || field.type === 'single_choice') {
    item.toggleOption(field, String(value));
  }
  useUi.getState().showInRubric(rubricAnchor(field.key, value), true);
}

/** "Saved", "Skipped", "Flagged", ... for a moment after the action, in the header. */
function ActionNoteBadge() {
  const note = useItem((s) => s.note);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const left = note ? 2600 - (Date.now() - note.at) : 0;
    setVisible(left > 0);
    if (left <= 0) return;
    const id = setTimeout(() => setVisible(false), left);
    return () => clearTimeout(id);
  }, [note]);
  return (
    <span aria-live="polite" style={{ display: 'inline-flex' }}>
      {visible && note && (
        <Badge
          color={note.tone === 'saved' ? 'teal' : 'gray'}
          variant="light"
          size="lg"
          radius="sm"
          leftSection={note.tone === 'saved' ? <IconCheck size={14} /> : undefined}
          data-testid={note.tone === 'saved' ? 'saved-confirmation' : 'action-note'}
          className="cc-badge-plain"
          maw={340}
        >
          {note.text} <SafeText text={note.sampleId} className="cc-mono" />
        </Badge>
      )}
    </span>
  );
}

export function LabelScreen() {
  const view = useItem((s) => s.view);
  const pack = useItem((s) => s.pack);
  const revealed = useItem((s) => s.revealed);
  const rubricOpen = useSettings((s) => s.rubricOpen);
  const blurSetting = useSettings((s) => s.blurGraphic);
  const contentView = useSettings((s) => s.contentView);
  const cheatSheet = useUi((s) => s.cheatSheet);
  const sampleRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const blurred = Boolean(view && blurSetting && !revealed && view.contentWarning);
  const keys = useMemo(() => (pack ? hotkeyMap(pack) : new Map<string, PackAction>()), [pack]);

  // A new item: start its clock, leave any text field (so keys work), start at the top.
  const sampleId = view?.sample.id;
  useLayoutEffect(() => {
    if (!sampleId) return;
    const active = document.activeElement as HTMLElement | null;
    if (active && active !== document.body && !modalOpen()) active.blur();
    sampleRef.current?.scrollTo({ top: 0 });
    formRef.current?.scrollTo({ top: 0 });
    useItem.getState().markRendered(sampleId);
  }, [sampleId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || modalOpen() || fromDialog(e.target)) return;
      const item = useItem.getState();
      const ui = useUi.getState();
      if (!item.view || !item.pack) return;
      const mod = e.ctrlKey || e.metaKey;
      const done = () => e.preventDefault();
      // While an action is on its way to the engine, keys wait: nothing may change the item being saved.
      if (item.busy && e.key !== 'Escape' && !isTypingTarget(e.target)) {
        if (e.key.length === 1 || e.key === 'Enter' || e.key === 'Backspace') done();
        return;
      }

      if (e.key === 'Enter' && mod) {
        done();
        void item.submit();
        return;
      }
      if (isTypingTarget(e.target)) {
        if (e.key === 'Escape') {
          (e.target as HTMLElement).blur();
          done();
        }
        return;
      }
      if (e.key === 'Escape') {
        if (ui.cheatSheet) ui.toggleCheatSheet(false);
        else item.close();
        done();
        return;
      }
      if (e.key === '?') {
        ui.toggleCheatSheet();
        done();
        return;
      }
      if (ui.cheatSheet) return;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
        done();
        void item.undo();
        return;
      }
      if (mod || e.altKey) return;
      if (e.shiftKey) {
        if (e.key === 'R') {
          useSettings.getState().update({ rubricOpen: !useSettings.getState().rubricOpen });
          done();
        } else if (e.key === 'V' && blurredNow()) {
          item.reveal();
          done();
        } else if (e.key === ' ') {
          sampleRef.current?.scrollBy({ top: -sampleRef.current.clientHeight * 0.8, behavior: 'smooth' });
          done();
        }
        return;
      }
      switch (e.key) {
        case 'Enter':
          if (isActivatable(e.target)) return;
          void item.submit();
          break;
        case ' ':
          if (e.target instanceof HTMLInputElement || isActivatable(e.target)) return;
          sampleRef.current?.scrollBy({ top: sampleRef.current.clientHeight * 0.8, behavior: 'smooth' });
          break;
        case 'Backspace':
        case 'b':
          void item.back();
          break;
        case 's':
          void item.skip();
          break;
        case 'f':
          ui.openModal('flag');
          break;
        case 'u':
          void item.undo();
          break;
        case 'j':
          void item.neighbour(1);
          break;
        case 'k':
          void item.neighbour(-1);
          break;
        case 'e': {
          // `e` is the rationale's key only when the guideline gives that field none (see labelScreenKeys).
          const f = rationaleField(item.pack);
          if (f && !f.hotkey) focusField(f);
          else return;
          break;
        }
        default: {
          const action = keys.get(e.key);
          if (!action) return;
          runPackAction(action);
        }
      }
      done();
    };
    const blurredNow = () => {
      const s = useItem.getState();
      return Boolean(s.view && useSettings.getState().blurGraphic && !s.revealed && s.view.contentWarning);
    };
    return listenKeys(onKey);
  }, [keys]);

  if (!view || !pack) {
    return (
      <>
        <AppHeader />
        <div className="cc-body" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Loader size="sm" />
        </div>
      </>
    );
  }

  const badge = STATE_BADGE[view.state];
  const label = view.label;

  return (
    <>
      <AppHeader nav={false}>
        <Tooltip label="Back to the queue (Esc)" openDelay={400}>
          <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => useItem.getState().close()} data-testid="back-to-queue">
            Queue
          </Button>
        </Tooltip>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="item-position">
          Item <Text span fw={650} c="var(--mantine-color-text)">{(view.position + 1).toLocaleString()}</Text> of {view.total.toLocaleString()}
        </Text>
        <Text size="sm" className="cc-mono cc-ellipsis" style={{ maxWidth: 220 }} data-testid="item-id">
          <SafeText text={view.sample.id} />
        </Text>
        <Badge size="md" radius="sm" color={badge.color} variant={badge.variant} className="cc-badge-plain" data-testid="item-state">
          {badge.label}
          {view.state === 'done' && label && label.revision > 1 ? ` · rev ${label.revision}` : ''}
        </Badge>
        <BusyIndicator />
        <ActionNoteBadge />
        <span style={{ flex: 1 }} />
        <Button
          variant={rubricOpen ? 'light' : 'subtle'}
          color={rubricOpen ? 'indigo' : 'gray'}
          size="compact-sm"
          leftSection={<IconBook size={16} />}
          onClick={(e) => {
            e.currentTarget.blur();
            useSettings.getState().update({ rubricOpen: !rubricOpen });
          }}
          aria-pressed={rubricOpen}
          data-testid="toggle-rubric"
        >
          Rubric
        </Button>
        <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconKeyboard size={16} />} onClick={() => useUi.getState().toggleCheatSheet()} data-testid="open-cheatsheet">
          Keys <Kbd size="xs" ml={6}>?</Kbd>
        </Button>
      </AppHeader>

      <div className="cc-body">
        <div className="cc-label" data-rubric={rubricOpen ? 'open' : 'closed'} data-testid="label-screen" data-sample-id={view.sample.id}>
          <div className="cc-col cc-col-sample" ref={sampleRef} data-testid="sample-column">
            <SampleView view={view} contentView={contentView} blurred={blurred} warned={Boolean(blurSetting && view.contentWarning)} onReveal={useItem.getState().reveal} />
          </div>

          <div className="cc-col-form">
            <div className="cc-form-scroll" ref={formRef}>
              <LabelForm pack={pack} />
            </div>
            <div className="cc-form-foot">
              {label && (
                <Text size="xs" c="dimmed" mb={6} className="cc-ellipsis" data-testid="existing-label">
                  Your label{label.revision > 1 ? ` (rev. ${label.revision})` : ''}, saved{' '}
                  <span title={new Date(label.revisedAt ?? label.createdAt).toLocaleString()}>{timeAgo(label.revisedAt ?? label.createdAt)}</span>: submitting again adds a revision.
                </Text>
              )}
              <SubmitButton revision={Boolean(label)} />
              <Group grow gap={4} mt={4}>
                <FootButton label="Back" hotkey="b" onClick={() => void useItem.getState().back()} testId="action-back" />
                <FootButton label="Skip" hotkey="s" onClick={() => void useItem.getState().skip()} testId="action-skip" />
                <FootButton label="Flag" hotkey="f" onClick={() => useUi.getState().openModal('flag')} testId="action-flag" />
                <FootButton label="Undo" hotkey="u" onClick={() => void useItem.getState().undo()} testId="action-undo" />
              </Group>
            </div>
          </div>

          {rubricOpen && <RubricPanel pack={pack} />}
        </div>
      </div>
      <FlagModal />
      {cheatSheet && <CheatSheet context="label" pack={pack} />}
    </>
  );
}

/**
 * The busy state as the screen shows it: only once an action has lasted 150 ms. A fast save then
 * changes nothing on screen, so the browser has no frame to paint before the next item (a spinner
 * flashing for 5 ms cost about 15 ms of every submit in npm run bench:ui).
 */
function useShownBusy(): Busy {
  const busy = useItem((s) => s.busy);
  const [shown, setShown] = useState<Busy>(null);
  useEffect(() => {
    if (!busy) return setShown(null);
    const t = setTimeout(() => setShown(busy), 150);
    return () => clearTimeout(t);
  }, [busy]);
  return busy ? shown : null;
}

// Only these two small components follow the busy state.
function BusyIndicator() {
  const busy = useShownBusy();
  return busy && busy !== 'loading' ? <Loader size="xs" /> : null;
}

function SubmitButton({ revision }: { revision: boolean }) {
  const busy = useShownBusy();
  return (
    <Button fullWidth size="md" onClick={() => void useItem.getState().submit()} loading={busy === 'saving'} disabled={Boolean(busy) && busy !== 'saving'} data-testid="submit-label" rightSection={<Kbd size="xs">Enter</Kbd>}>
      {revision ? 'Save revision and next' : 'Submit and next'}
    </Button>
  );
}
