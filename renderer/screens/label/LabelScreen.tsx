import { Badge, Button, Group, Kbd, Loader, Text, Tooltip } from '@mantine/core';
import { FootButton } from '../../components/FootButton';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { findAction, findPackHotkey, labelScreenKeys, rationaleField, type LabelAction } from '../../../shared/keys/screens';
import { AppHeader } from '../../components/AppHeader';
import { CheatSheet } from '../../components/CheatSheet';
import { IconArrowLeft, IconBook, IconCheck, IconKeyboard } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import { fromDialog, listenKeys, isActivatable, isTypingTarget, modalOpen } from '../../lib/keys';
import { focusField } from '../../lib/fieldFocus';
import { runPackHotkey } from '../../lib/packKeys';
import { timeAgo } from '../../lib/time';
import { useItem, type Busy } from '../../stores/item';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { STATE_BADGE } from '../QueueScreen';
import { FlagModal } from './FlagModal';
import { LabelForm } from './LabelForm';
import { RubricPanel } from './RubricPanel';
import { SampleView } from './SampleView';

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
  const keys = useMemo(() => (pack ? labelScreenKeys(pack) : []), [pack]);

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

  // Every key goes through the screen's key map (the one the cheat sheet lists), then the guideline's hotkeys.
  useEffect(() => {
    const blurredNow = () => {
      const s = useItem.getState();
      return Boolean(s.view && useSettings.getState().blurGraphic && !s.revealed && s.view.contentWarning);
    };
    /** Does what the sheet says the action does; false when the key is not this action's here (left to the browser). */
    const run = (action: LabelAction, target: EventTarget | null): boolean => {
      const item = useItem.getState();
      const ui = useUi.getState();
      switch (action) {
        case 'submit':
          if (isActivatable(target)) return false;
          void item.submit();
          return true;
        case 'submitFromText':
          void item.submit();
          return true;
        case 'escape':
          if (ui.cheatSheet) ui.toggleCheatSheet(false);
          else item.close();
          return true;
        case 'help':
          ui.toggleCheatSheet();
          return true;
        case 'scrollDown':
        case 'scrollUp':
          if (action === 'scrollDown' && (target instanceof HTMLInputElement || isActivatable(target))) return false;
          sampleRef.current?.scrollBy({ top: (action === 'scrollDown' ? 0.8 : -0.8) * sampleRef.current.clientHeight, behavior: 'smooth' });
          return true;
        case 'back':
          void item.back();
          return true;
        case 'skip':
          void item.skip();
          return true;
        case 'flag':
          ui.openModal('flag');
          return true;
        case 'undo':
          void item.undo();
          return true;
        case 'next':
        case 'previous':
          void item.neighbour(action === 'next' ? 1 : -1);
          return true;
        case 'writeRationale': {
          const f = item.pack && rationaleField(item.pack);
          if (f) focusField(f.key);
          return Boolean(f);
        }
        case 'reveal':
          if (!blurredNow()) return false;
          item.reveal();
          return true;
        case 'toggleRubric':
          useSettings.getState().update({ rubricOpen: !useSettings.getState().rubricOpen });
          return true;
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || modalOpen() || fromDialog(e.target)) return;
      const item = useItem.getState();
      if (!item.view || !item.pack) return;
      const action = findAction(keys, e);
      const typing = isTypingTarget(e.target);
      // While an action is on its way to the engine, keys wait: nothing may change the item being saved.
      if (item.busy && action !== 'escape' && !typing) {
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
      // The cheat sheet open: only its own keys (? and Esc close it).
      if (useUi.getState().cheatSheet && action !== 'help' && action !== 'escape') return;
      if (action) {
        if (run(action, e.target)) e.preventDefault();
        return;
      }
      const hotkey = findPackHotkey(item.pack, e);
      if (!hotkey) return;
      runPackHotkey(item.pack, hotkey, item);
      e.preventDefault();
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
