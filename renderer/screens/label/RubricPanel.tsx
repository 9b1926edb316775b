import { CloseButton, Text, Tooltip } from '@mantine/core';
import { createElement, memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Components } from 'react-markdown';
import { parseRubricHeadings, stripHeadingAnchors } from '../../../shared/guidelines/rubric';
import type { GuidelinePack } from '../../../shared/guidelines/schema';
import { contentComponents, SafeMarkdown } from '../../content/markdown';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';

// The guideline's rubric beside the form. Headings carry their `{#anchor}` (see
// shared/guidelines/rubric.ts) as data-rubric-anchor; when a field or option gets focus, the panel
// scrolls to its definition and marks it. In-rubric links (#anchor) jump within the panel; any
// other link is inert text, as in content.

interface HastLike {
  position?: { start?: { line?: number } };
}

function rubricComponents(anchorsByLine: Map<number, string>): Components {
  const heading = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6') =>
    function RubricHeading({ children, node }: { children?: ReactNode; node?: unknown }) {
      const line = (node as HastLike | undefined)?.position?.start?.line;
      const anchor = line === undefined ? undefined : anchorsByLine.get(line);
      return createElement(tag, { className: 'cc-rubric-h', 'data-rubric-anchor': anchor }, children);
    };
  return {
    ...contentComponents,
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    h4: heading('h4'),
    h5: heading('h5'),
    h6: heading('h6'),
    a: ({ href, children, node }: { href?: string; children?: ReactNode; node?: unknown }) => {
      if (href?.startsWith('#')) {
        const target = href.slice(1);
        return (
          <button type="button" className="cc-rubric-link" onClick={() => useUi.getState().showInRubric(target, true)}>
            {children}
          </button>
        );
      }
      const Inert = contentComponents.a as (p: { href?: string; children?: ReactNode; node?: unknown }) => ReactNode;
      return <Inert href={href} node={node}>{children}</Inert>;
    },
  };
}

const RubricBody = memo(function RubricBody({ rubric }: { rubric: string }) {
  const { text, components } = useMemo(() => {
    const byLine = new Map(parseRubricHeadings(rubric).map((h) => [h.line, h.anchor] as const));
    return { text: stripHeadingAnchors(rubric), components: rubricComponents(byLine) };
  }, [rubric]);
  return (
    <div className="cc-rubric">
      <SafeMarkdown text={text} components={components} />
    </div>
  );
});

export const RubricPanel = memo(function RubricPanel({ pack }: { pack: GuidelinePack }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useUi((s) => s.rubricAnchor);
  const nonce = useUi((s) => s.rubricNonce);

  useEffect(() => {
    const box = scrollRef.current;
    if (!box || !anchor) return;
    const el = box.querySelector<HTMLElement>(`[data-rubric-anchor="${CSS.escape(anchor)}"]`);
    if (!el) return;
    box.querySelectorAll('[data-target="true"]').forEach((n) => n.removeAttribute('data-target'));
    el.setAttribute('data-target', 'true');
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
    box.scrollTo({ top, behavior: Math.abs(top - box.scrollTop) > 4000 ? 'auto' : 'smooth' });
  }, [anchor, nonce]);

  return (
    <aside className="cc-col-rubric" aria-label="Rubric" data-testid="rubric-panel">
      <div className="cc-panel-head">
        <Text size="sm" fw={650}>
          Rubric
        </Text>
        <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis" style={{ flex: 1 }}>
          {pack.id}@{pack.version}
        </Text>
        <Tooltip label="Hide the rubric (Shift+R)" openDelay={400}>
          <CloseButton aria-label="Hide the rubric" onClick={() => useSettings.getState().update({ rubricOpen: false })} data-testid="close-rubric" />
        </Tooltip>
      </div>
      <div className="cc-rubric-scroll" ref={scrollRef} data-testid="rubric-scroll">
        <RubricBody rubric={pack.rubric} />
      </div>
    </aside>
  );
});
