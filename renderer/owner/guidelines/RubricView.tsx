import { createElement, memo, useMemo, type ReactNode, type RefObject } from 'react';
import type { Components } from 'react-markdown';
import { parseRubricHeadings, stripHeadingAnchors } from '../../../shared/guidelines/rubric';
import { contentComponents, SafeMarkdown } from '../../content/markdown';

// The rubric of a published version (or a draft's preview), through the same sanitized Markdown
// renderer as everywhere else: no raw HTML, links are inert text, images are never loaded. Headings
// carry their {#anchor} as data-rubric-anchor; in-rubric links (#anchor) scroll within `scrollRef`.

interface HastLike {
  position?: { start?: { line?: number } };
}

/** Scrolls the box to the heading with this anchor and marks it. */
export function scrollToAnchor(box: HTMLElement | null, anchor: string): boolean {
  if (!box) return false;
  const el = box.querySelector<HTMLElement>(`[data-rubric-anchor="${CSS.escape(anchor)}"]`);
  if (!el) return false;
  box.querySelectorAll('[data-target="true"]').forEach((n) => n.removeAttribute('data-target'));
  el.setAttribute('data-target', 'true');
  const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
  box.scrollTo({ top, behavior: 'smooth' });
  return true;
}

function components(anchorsByLine: Map<number, string>, scrollRef: RefObject<HTMLElement | null>): Components {
  const heading = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6') =>
    function Heading({ children, node }: { children?: ReactNode; node?: unknown }) {
      const line = (node as HastLike | undefined)?.position?.start?.line;
      const anchor = line === undefined ? undefined : anchorsByLine.get(line);
      return createElement(tag, { className: 'cc-rubric-h', 'data-rubric-anchor': anchor }, children);
    };
  const Inert = contentComponents.a as (p: { href?: string; children?: ReactNode; node?: unknown }) => ReactNode;
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
          <button type="button" className="cc-rubric-link" onClick={() => scrollToAnchor(scrollRef.current, target)}>
            {children}
          </button>
        );
      }
      return (
        <Inert href={href} node={node}>
          {children}
        </Inert>
      );
    },
  };
}

export const RubricView = memo(function RubricView({ rubric, scrollRef }: { rubric: string; scrollRef: RefObject<HTMLElement | null> }) {
  const { text, comps } = useMemo(() => {
    const byLine = new Map(parseRubricHeadings(rubric).map((h) => [h.line, h.anchor] as const));
    return { text: stripHeadingAnchors(rubric), comps: components(byLine, scrollRef) };
  }, [rubric, scrollRef]);
  return (
    <div className="cc-rubric">
      <SafeMarkdown text={text} components={comps} />
    </div>
  );
});
