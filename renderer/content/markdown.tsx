import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describeInvisible, hasInvisibles, INVISIBLE_PATTERN } from './invisibles';
import { safeText } from './SafeText';

// Sanitized Markdown for untrusted content (prompts, outputs) and for the rubric.
//   - No raw HTML is ever parsed into elements: no rehype-raw, `skipHtml`, and before that a plugin
//     turns every HTML node into literal text, so an injection attempt is visible, not executed.
//   - Only an allow-list of elements is rendered.
//   - Links and images are never rendered as <a href> or <img>: they become inert text showing the
//     label and the URL, so nothing in content can navigate or make a network request.
//   - Hidden direction and zero-width characters become visible badges in every text node.

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** remark plugin: raw HTML (block or inline) becomes literal text in a marked wrapper. */
export function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (!node.children) return;
    node.children = node.children.map((child) => {
      if (child.type === 'html') {
        const block = FLOW_PARENTS.has(node.type);
        return {
          type: 'text',
          value: child.value ?? '',
          data: {
            hName: block ? 'div' : 'span',
            hProperties: { className: ['cc-raw-html', block ? 'cc-raw-html-block' : 'cc-raw-html-inline'], title: 'HTML in the content, shown as text (never run)' },
          },
        };
      }
      walk(child);
      return child;
    });
  };
  return (tree: MdNode) => walk(tree);
}

/** rehype plugin: hidden direction / zero-width characters in any text node become badges. */
export function rehypeInvisibles() {
  const walk = (node: HastNode) => {
    if (!node.children) return;
    const out: HastNode[] = [];
    for (const c of node.children) {
      if (c.type === 'text' && c.value && hasInvisibles(c.value)) {
        let last = 0;
        for (const m of c.value.matchAll(INVISIBLE_PATTERN)) {
          if (m.index > last) out.push({ type: 'text', value: c.value.slice(last, m.index) });
          const badge = describeInvisible(m[0]);
          out.push({ type: 'element', tagName: 'span', properties: { className: ['cc-invisible'], title: badge.title, dataCcInvisible: '' }, children: [{ type: 'text', value: badge.label }] });
          last = m.index + m[0].length;
        }
        if (last < c.value.length) out.push({ type: 'text', value: c.value.slice(last) });
      } else {
        walk(c);
        out.push(c);
      }
    }
    node.children = out;
  };
  return (tree: HastNode) => walk(tree);
}

export const ALLOWED_ELEMENTS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'input', 'span', 'div', 'section', 'sup',
];

function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** URLs are kept verbatim: they are only ever shown as text, never used as an address. */
const keepUrl = (url: string) => url;

function InertLink({ href, children, node }: { href?: string; children?: ReactNode; node?: unknown }) {
  const url = href ?? '';
  const label = textOf(node as HastNode);
  // Footnote references and other in-page anchors: just the label.
  if (url.startsWith('#')) return <span className="cc-link-label">{children}</span>;
  const autolink = label === url || `mailto:${label}` === url || `http://${label}` === url;
  return (
    <span className="cc-link" data-cc-link="" title="Link (disabled): Concord never opens links from content">
      {autolink ? null : <span className="cc-link-label">{children}</span>}
      <span className="cc-link-url">
        {autolink ? '' : ' '}⟨{safeText(url)}⟩
      </span>
    </span>
  );
}

function InertImage({ src, alt }: { src?: unknown; alt?: string }) {
  const url = typeof src === 'string' ? src : '';
  return (
    <span className="cc-image" data-cc-image="" title="Image (not loaded): Concord never loads images from content">
      [image: {safeText(alt || 'no description')} — {safeText(url)}]
    </span>
  );
}

function TaskBox({ checked }: { checked?: boolean }) {
  return <span className="cc-task" aria-label={checked ? 'done' : 'not done'}>{checked ? '☑' : '☐'} </span>;
}

type Any = { children?: ReactNode };

function heading(level: number) {
  return function Heading({ children }: Any) {
    return (
      <p className={`cc-md-h cc-md-h${level}`} dir="auto">
        {children}
      </p>
    );
  };
}

export const contentComponents: Components = {
  a: InertLink,
  img: InertImage,
  input: TaskBox,
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  h5: heading(5),
  h6: heading(6),
  p: ({ children }: Any) => <p dir="auto">{children}</p>,
  li: ({ children }: Any) => <li dir="auto">{children}</li>,
  blockquote: ({ children }: Any) => <blockquote dir="auto">{children}</blockquote>,
  td: ({ children }: Any) => <td dir="auto">{children}</td>,
  th: ({ children }: Any) => <th dir="auto">{children}</th>,
  table: ({ children }: Any) => (
    <div className="cc-md-table">
      <table>{children}</table>
    </div>
  ),
};

const remarkPlugins = [remarkGfm, remarkHtmlAsText];
const rehypePlugins = [rehypeInvisibles];

/** Untrusted Markdown, rendered inertly (see the top of this file). Memoized on the text. */
export const SafeMarkdown = memo(function SafeMarkdown({ text, components }: { text: string; components?: Components }) {
  return (
    <div className="cc-md">
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        skipHtml
        allowedElements={ALLOWED_ELEMENTS}
        unwrapDisallowed
        urlTransform={keepUrl}
        components={components ?? contentComponents}
      >
        {text}
      </Markdown>
    </div>
  );
});
