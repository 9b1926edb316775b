import { Button, Group, Text } from '@mantine/core';
import { memo, useEffect, useMemo, useState } from 'react';
import { SafeMarkdown } from './markdown';
import { safeText } from './SafeText';

// One block of untrusted content (a message or the model output). Small blocks render as sanitized
// Markdown (or plain text, if the rater prefers); large ones (a 1 MB output) never go near the
// Markdown parser: they render as plain pre-wrapped text, the first chunk at once and the rest only
// on request, progressively, a chunk per frame, so the screen stays responsive.

/** Above this many characters content is shown as plain text, in chunks. */
export const LARGE_CONTENT_CHARS = 50_000;
const CHUNK_CHARS = 50_000;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Cuts text into chunks of about `size` characters, at a line break or space where one is near. */
export function splitChunks(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      const sp = text.lastIndexOf(' ', end);
      if (nl > end - 2000 && nl > start) end = nl + 1;
      else if (sp > end - 200 && sp > start) end = sp + 1;
      // Never split a surrogate pair.
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end++;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

const PlainChunk = memo(function PlainChunk({ text }: { text: string }) {
  return <div className="cc-chunk">{safeText(text)}</div>;
});

function LargeText({ text, testId }: { text: string; testId?: string }) {
  const chunks = useMemo(() => splitChunks(text, CHUNK_CHARS), [text]);
  const bytes = useMemo(() => new TextEncoder().encode(text).length, [text]);
  const [target, setTarget] = useState(1);
  const [rendered, setRendered] = useState(1);

  useEffect(() => {
    setTarget(1);
    setRendered(1);
  }, [text]);

  // Render the rest a chunk per frame: the page never blocks on a megabyte of layout.
  useEffect(() => {
    if (rendered >= target) return;
    const id = requestAnimationFrame(() => setRendered((r) => Math.min(r + 1, target)));
    return () => cancelAnimationFrame(id);
  }, [rendered, target]);

  const shownChars = chunks.slice(0, rendered).reduce((n, c) => n + c.length, 0);
  const complete = rendered >= chunks.length;

  return (
    <div className="cc-large" data-testid={testId ? `${testId}-large` : undefined}>
      <Text size="xs" c="dimmed" className="cc-large-note">
        Large content ({formatBytes(bytes)}): shown as plain text{complete ? '' : `, first ${formatBytes(shownChars)}`}.
      </Text>
      <div className="cc-plain">
        {chunks.slice(0, rendered).map((c, i) => (
          <PlainChunk key={i} text={c} />
        ))}
      </div>
      {!complete && (
        <Group gap="xs" mt="xs">
          <Button size="xs" variant="light" onClick={() => setTarget(chunks.length)} loading={target > rendered} data-testid="show-all-content">
            Show all ({formatBytes(bytes)})
          </Button>
          <Text size="xs" c="dimmed">
            {Math.round((shownChars / text.length) * 100)}% shown
          </Text>
        </Group>
      )}
    </div>
  );
}

export type ContentView = 'formatted' | 'plain';

/** Untrusted content, isolated (`dir="auto"`, `unicode-bidi: isolate`) from the UI around it. */
export function ContentBlock({ text, view, testId }: { text: string; view: ContentView; testId?: string }) {
  let body;
  if (text.length > LARGE_CONTENT_CHARS) body = <LargeText text={text} testId={testId} />;
  else if (text.length === 0) body = <Text size="sm" c="dimmed" fs="italic">(empty)</Text>;
  else if (view === 'plain') body = <div className="cc-plain">{safeText(text)}</div>;
  else body = <SafeMarkdown text={text} />;
  return (
    <div className="cc-content" dir="auto" data-testid={testId}>
      {body}
    </div>
  );
}
