import ReactMarkdown from 'react-markdown';

/**
 * Notes are Markdown, shown safely: raw HTML is dropped (never rendered), unsafe link targets
 * such as javascript: are removed by react-markdown's URL filter, and links open outside the app.
 */
export function Markdown({ text }: { text: string }) {
  if (!text.trim()) return <p className="empty">(empty note)</p>;
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          // A link to a screen of Fieldbook (an evidence quote's source) stays in the app.
          a: ({ href, children }) => (href?.startsWith('#/') ? <a href={href}>{children}</a> : (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          )),
          img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
