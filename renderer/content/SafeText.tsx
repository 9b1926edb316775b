import { Fragment, type ReactNode } from 'react';
import { segmentInvisibles } from './invisibles';

/** Untrusted text as React text nodes, with hidden direction/zero-width characters as visible badges. */
export function safeText(text: string): ReactNode {
  const segments = segmentInvisibles(text);
  if (segments.length === 1 && typeof segments[0] === 'string') return segments[0];
  return segments.map((s, i) =>
    typeof s === 'string' ? (
      <Fragment key={i}>{s}</Fragment>
    ) : (
      <span key={i} className="cc-invisible" title={s.title} data-cc-invisible="">
        {s.label}
      </span>
    ),
  );
}

/**
 * A short untrusted string inside the app's chrome (ids, model names, metadata, previews): isolated
 * so its direction cannot reorder the surrounding UI, with hidden characters shown as badges.
 */
export function SafeText({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <bdi className={className ? `cc-isolate ${className}` : 'cc-isolate'} dir="auto" data-testid={testId}>
      {safeText(text)}
    </bdi>
  );
}
