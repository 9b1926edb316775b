import { memo } from 'react';
import { Alert, Button, Group, Kbd, Text } from '@mantine/core';
import type { ItemView } from '../../../shared/api/types';
import type { ChatMessage } from '../../../shared/samples/schema';
import { IconEye, IconEyeOff } from '../../components/icons';
import { ContentBlock, type ContentView } from '../../content/ContentBlock';
import { SafeText } from '../../content/SafeText';
import { GRAPHIC_THRESHOLD } from '../../../shared/samples/wellbeing';
import { useItem } from '../../stores/item';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool']);

function roleKind(role: string): string {
  const r = role.toLowerCase();
  if (KNOWN_ROLES.has(r)) return r;
  if (r === 'human') return 'user';
  if (r === 'model' || r === 'ai' || r === 'bot') return 'assistant';
  if (r === 'function' || r === 'ipython') return 'tool';
  return 'other';
}

function metaValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}

function Details({ view }: { view: ItemView }) {
  const { metadata, scores } = view.sample;
  const meta = Object.entries(metadata ?? {}).slice(0, 24);
  const score = Object.entries(scores ?? {}).slice(0, 24);
  if (!meta.length && !score.length) return null;
  return (
    <div className="cc-details" data-testid="sample-details">
      {meta.map(([k, v]) => (
        <span className="cc-kv" key={`m-${k}`} title={`${k}: ${metaValue(v).slice(0, 500)}`}>
          <SafeText text={k} />
          <SafeText text={metaValue(v).slice(0, 200)} />
        </span>
      ))}
      {score.length > 0 && (
        <span className="cc-kv" data-testid="grader-scores" style={{ gap: 12 }}>
          {score.map(([k, v]) => {
            const high = k === 'graphic' ? v >= GRAPHIC_THRESHOLD : v >= 0.7;
            return (
              <span className="cc-score" key={`s-${k}`} data-high={high} title={`Grader score ${k}: ${v}`}>
                <SafeText text={k} />
                <span className="cc-score-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, Math.min(1, v)) * 100}%` }} />
                </span>
                <span style={{ color: 'var(--mantine-color-text)', fontVariantNumeric: 'tabular-nums' }}>{Number.isFinite(v) ? v.toFixed(2) : String(v)}</span>
              </span>
            );
          })}
        </span>
      )}
    </div>
  );
}

function Message({ message, index, view }: { message: ChatMessage; index: number; view: ContentView }) {
  const kind = roleKind(message.role);
  return (
    <div className="cc-msg" data-role={kind} data-testid="message" data-message-role={kind}>
      <div className="cc-role">
        <SafeText text={message.role} />
      </div>
      <ContentBlock text={message.content} view={view} testId={`message-${index}`} />
    </div>
  );
}

/** The sample: the conversation, then the model output to rate, with the grader details on top. */
/** Memoized: the label screen re-renders on every busy/note change, the sample only when it changes. */
export const SampleView = memo(function SampleView({
  view,
  contentView,
  blurred,
  warned,
  onReveal,
}: {
  view: ItemView;
  contentView: ContentView;
  /** Blurred now. */
  blurred: boolean;
  /** The output has a content warning and the viewer blurs such outputs: once revealed, it can be hidden again. */
  warned: boolean;
  /** Reveals (true) or hides again (false): the screen's store decides. */
  onReveal: (shown: boolean) => void;
}) {
  const { sample } = view;
  const messages: ChatMessage[] = typeof sample.input === 'string' ? [{ role: 'prompt', content: sample.input }] : sample.input;
  const graphic = view.contentWarning?.graphic;

  return (
    <div data-testid="sample">
      {view.sentBack && (
        <Alert color="orange" variant="light" mb="md" role="note" aria-label="Sent back" title="Sent back by an adjudicator: label it again" data-testid="sent-back-note">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <SafeText text={view.sentBack.reason} />
          </Text>
        </Alert>
      )}
      {view.flagAnswer && view.state !== 'done' && (
        <Alert color="indigo" variant="light" mb="md" role="note" aria-label="Flag answered" title="Your flag was answered" data-testid="flag-answer">
          {view.flagComment && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              You wrote: <SafeText text={view.flagComment} />
            </Text>
          )}
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            <SafeText text={view.flagAnswer.note} />
          </Text>
        </Alert>
      )}
      {view.state === 'flagged' && (
        <Alert color="orange" variant="light" mb="md" title="You flagged this item" data-testid="flag-note">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <SafeText text={view.flagComment ?? ''} />
            </Text>
            <Button size="compact-xs" variant="subtle" color="orange" onClick={() => void useItem.getState().clearMark()} data-testid="clear-flag" style={{ flex: 'none' }}>
              Clear flag
            </Button>
          </Group>
        </Alert>
      )}
      {view.state === 'skipped' && (
        <Alert color="yellow" variant="light" mb="md" data-testid="skip-note">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">You skipped this item. Label it now, or leave it for later.</Text>
            <Button size="compact-xs" variant="subtle" color="yellow" onClick={() => void useItem.getState().clearMark()} data-testid="clear-skip" style={{ flex: 'none' }}>
              Mark as to do
            </Button>
          </Group>
        </Alert>
      )}

      <Details view={view} />

      <div className="cc-transcript" data-testid="transcript">
        {messages.map((m, i) => (
          <Message key={i} message={m} index={i} view={contentView} />
        ))}
      </div>

      <section className="cc-output" data-testid="output" aria-label="Model output to rate">
        <div className="cc-output-head">
          <Text span fw={650} size="sm">
            Model output
          </Text>
          {sample.model && (
            <Text span size="xs" c="dimmed" className="cc-mono cc-ellipsis" data-testid="output-model">
              <SafeText text={sample.model} />
            </Text>
          )}
          <span style={{ flex: 1 }} />
          <Text span size="xs" c="dimmed">
            Rate this reply
          </Text>
        </div>
        <div className="cc-output-body">
          {blurred && (
            <div className="cc-cw" role="note" data-testid="content-warning">
              <span style={{ flex: 1 }}>
                <strong>Content warning.</strong> Graders rate this output as likely graphic{typeof graphic === 'number' ? ` (${graphic.toFixed(2)})` : ''}. It is blurred until you choose to read it.
              </span>
              <Button
                size="xs"
                variant="white"
                color="orange"
                leftSection={<IconEye size={15} />}
                onClick={(e) => {
                  e.currentTarget.blur();
                  onReveal(true);
                }}
                data-testid="reveal"
              >
                Reveal <Kbd size="xs" ml={6}>Shift+V</Kbd>
              </Button>
            </div>
          )}
          {warned && !blurred && (
            <div className="cc-cw cc-cw-revealed" role="note" data-testid="content-revealed">
              <span style={{ flex: 1 }}>Content warning: likely graphic. You chose to read it.</span>
              <Button
                size="xs"
                variant="subtle"
                color="orange"
                leftSection={<IconEyeOff size={15} />}
                onClick={(e) => {
                  e.currentTarget.blur();
                  onReveal(false);
                }}
                data-testid="hide-content"
              >
                Hide again
              </Button>
            </div>
          )}
          <div className={blurred ? 'cc-blurred' : undefined} inert={blurred} aria-hidden={blurred || undefined} data-testid="output-content-wrap">
            <ContentBlock text={sample.output} view={contentView} testId="output-content" />
          </div>
        </div>
      </section>
    </div>
  );
});
