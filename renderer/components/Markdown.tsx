import type { Element, ElementContent, Root } from 'hast';
import ReactMarkdown from 'react-markdown';
import { codeOf, INVISIBLE_TITLE, invisibleParts } from './UserText';

/** Invisible characters in a note's text shown as their codes (see UserText), inside the rendered Markdown. */
function showInvisibleCharacters() {
  const visit = (node: Root | Element) => {
    node.children = node.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') visit(child);
      if (child.type !== 'text') return [child as ElementContent];
      return invisibleParts(child.value).map((p): ElementContent =>
        p.invisible
          ? { type: 'element', tagName: 'span', properties: { className: ['invisible-char'], title: INVISIBLE_TITLE }, children: [{ type: 'text', value: codeOf(p.text) }] }
          : { type: 'text', value: p.text });
    }) as Root['children'] & Element['children'];
  };
  return (tree: Root) => visit(tree);
}

/**
 * Notes are Markdown, shown safely: raw HTML is dropped (never rendered), a link whose target is
 * unsafe (javascript:, say) loses its target and is shown as plain text, links open outside the
 * app, invisible characters are shown as their codes, and a long unbroken word wraps (styles.css).
 */
export function Markdown({ text }: { text: string }) {
  if (!text.trim()) return <p className="empty">(empty note)</p>;
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        rehypePlugins={[showInvisibleCharacters]}
        components={{
          a: ({ href, children }) => {
            // react-markdown empties an unsafe target: such a link is only its text, never a link back into Fieldbook.
            if (!href) return <span className="unsafe-link">{children}</span>;
            // A link to a screen of Fieldbook (an evidence quote's source) stays in the app.
            if (href.startsWith('#/')) return <a href={href}>{children}</a>;
            return <a href={href} target="_blank" rel="noopener noreferrer">{children}</a>;
          },
          img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
