import type { Content } from 'pdfmake/interfaces';
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toFragments } from './pdfText';

/**
 * Markdown a person typed (a write-up section, a rationale) as PDF content, laid out the way the
 * app shows it: headings, paragraphs, quotes set off by a rule, lists, bold and italics. Links keep
 * their words (a quote's source is named in them); raw HTML and images are left out, as on screen.
 * Plain data only (the PDF is laid out in a worker), each run of text in a font that has its letters.
 */

interface Style {
  bold?: boolean;
  italics?: boolean;
}

type Inline = { text: string; font: string; bold?: boolean; italics?: boolean };

const run = (text: string, style: Style): Inline[] => toFragments(text).map((f) => ({ ...f, ...style }));

function inline(nodes: readonly PhrasingContent[], style: Style = {}): Inline[] {
  return nodes.flatMap((n): Inline[] => {
    switch (n.type) {
      case 'text':
      case 'inlineCode': return run(n.value, style);
      case 'strong': return inline(n.children, { ...style, bold: true });
      case 'emphasis': return inline(n.children, { ...style, italics: true });
      case 'delete':
      case 'link':
      case 'linkReference': return inline(n.children, style);
      case 'break': return run('\n', style);
      case 'image': return n.alt ? run(`[image: ${n.alt}]`, style) : [];
      default: return [];
    }
  });
}

/** A quote is set off by a rule at its left: a one-cell table with only that border drawn. */
const QUOTE_CELL = { border: [true, false, false, false], borderColor: ['#8a8a8a', '#8a8a8a', '#8a8a8a', '#8a8a8a'] };

function block(node: RootContent | Nodes): Content[] {
  switch (node.type) {
    case 'paragraph': return [{ text: inline(node.children) as Content, margin: [0, 0, 0, 4] }];
    case 'heading': return [{ text: inline(node.children) as Content, bold: true, fontSize: node.depth <= 2 ? 11 : 10, margin: [0, 4, 0, 3] }];
    case 'blockquote':
      return [{ table: { widths: ['*'], body: [[{ stack: node.children.flatMap(block), color: '#333333', ...QUOTE_CELL }]] }, margin: [4, 0, 0, 6] } as Content];
    case 'list': {
      const items = node.children.map((item) => ({ stack: item.children.flatMap(block) }));
      return [node.ordered ? { ol: items, start: node.start ?? 1, margin: [0, 0, 0, 4] } : { ul: items, margin: [0, 0, 0, 4] }];
    }
    case 'code': return [{ text: run(node.value, {}) as Content, preserveLeadingSpaces: true, margin: [0, 0, 0, 4] }];
    case 'thematicBreak': return [{ canvas: [{ type: 'line', x1: 0, y1: 2, x2: 200, y2: 2, lineWidth: 0.5, lineColor: '#8a8a8a' }], margin: [0, 2, 0, 6] }];
    case 'root': return node.children.flatMap(block);
    default: return [];
  }
}

/** The Markdown as PDF content; `empty` stands in for a blank text. */
export function markdownContent(markdown: string, empty = '—'): Content[] {
  const content = markdown.trim() ? block(fromMarkdown(markdown)) : [];
  return content.length ? content : [{ text: run(empty, {}) as Content, margin: [0, 0, 0, 4] }];
}
