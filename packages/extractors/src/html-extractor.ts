import type { RawBlock, RawBlockKind, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { HTMLElement, type Node, parse, TextNode } from 'node-html-parser';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { startsLikeHtml } from './html-sniff.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

/*
 * Visible text only: head, script, style, template and noscript are dropped. Block elements start
 * and end blocks (inline elements add nothing, so `<b>a</b>b` reads `ab`); inside a table row the
 * cells are kept in one `table-row` block, separated by tabs. Whitespace runs outside `pre` collapse
 * to one space, as a browser shows them.
 */

const BLOCK_ELEMENTS = new Set(
  (
    'address article aside blockquote body br caption dd details div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const HIDDEN_ELEMENTS = new Set(['head', 'script', 'style', 'template', 'noscript']);
const HEADING = /^h([1-6])$/;
// The XML declaration, doctype and comments before the root element are markup, not text.
const PROLOGUE = /^(?:\s+|<\?[\s\S]*?\?>|<![^>]*>|<!--[\s\S]*?-->)*/;
const HTML_SPACE = /[ \t\n\r\f]+/g;

interface Context {
  kind: RawBlockKind;
  level?: number;
  inRow: boolean;
  preformatted: boolean;
}

const contextFor = (tag: string, parent: Context): Context => {
  const heading = HEADING.exec(tag)?.[1];
  if (heading !== undefined) return { ...parent, kind: 'heading', level: Number(heading) };
  if (tag === 'tr') return { kind: 'table-row', inRow: true, preformatted: false };
  if (tag === 'pre') return { ...parent, kind: 'code', preformatted: true };
  if (tag === 'li') return { ...parent, kind: 'list-item' };
  return parent;
};

class BlockCollector {
  readonly blocks: RawBlock[] = [];
  private text = '';
  private readonly budget: CharBudget;

  constructor(budget: CharBudget) {
    this.budget = budget;
  }

  append(text: string): void {
    this.budget.take(text.length);
    this.text += text;
  }

  flush(context: Context): void {
    const text = context.inRow
      ? this.text
          .split('\t')
          .map((cell) => cell.trim())
          .filter((cell) => cell !== '')
          .join('\t')
      : context.preformatted
        ? this.text.replace(/^\n+|\s+$/g, '')
        : this.text.trim();
    this.text = '';
    if (text === '') return;
    const block: RawBlock = { kind: context.kind, text };
    if (context.level !== undefined) block.level = context.level;
    this.blocks.push(block);
  }
}

/** One pending step of the walk: visit a node, add a separator, or close a block. */
type Step = { node: Node; context: Context } | { separator: string } | { closes: Context };

// Iterative, so that absurdly deep nesting cannot exhaust the call stack.
const walk = (root: Node, top: Context, out: BlockCollector): void => {
  const steps: Step[] = [{ node: root, context: top }];
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ('separator' in step) {
      out.append(step.separator);
      continue;
    }
    if ('closes' in step) {
      out.flush(step.closes);
      continue;
    }
    const { node, context } = step;
    if (node instanceof TextNode) {
      out.append(context.preformatted ? node.text : node.text.replace(HTML_SPACE, ' '));
      continue;
    }
    if (!(node instanceof HTMLElement)) continue;
    const tag = node.rawTagName?.toLowerCase() ?? '';
    if (HIDDEN_ELEMENTS.has(tag)) continue;
    let inner = context;
    if (BLOCK_ELEMENTS.has(tag) && context.inRow) {
      // Inside a row every block boundary (cell, br, p) only separates cells.
      out.append('\t');
      steps.push({ separator: '\t' });
      if (tag === 'pre') inner = { ...context, preformatted: true };
    } else if (BLOCK_ELEMENTS.has(tag)) {
      inner = contextFor(tag, context);
      out.flush(context);
      steps.push({ closes: inner });
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) {
      const child = node.childNodes[index];
      if (child) steps.push({ node: child, context: inner });
    }
  }
};

/** The text of the first `<title>` element, searched without recursion. */
const findTitle = (root: HTMLElement): string | undefined => {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!(node instanceof HTMLElement)) continue;
    if (node.rawTagName?.toLowerCase() === 'title') return node.text;
    for (let index = node.childNodes.length - 1; index >= 0; index--) {
      const child = node.childNodes[index];
      if (child) pending.push(child);
    }
  }
  return undefined;
};

const parseHtml = (source: string): HTMLElement => {
  const prologue = PROLOGUE.exec(source)?.[0].length ?? 0;
  try {
    return parse(source.slice(prologue), {
      comment: false,
      blockTextElements: { script: true, style: true, noscript: true },
    });
  } catch (error) {
    // The parser is lenient; whatever it still cannot take is a property of the file, not a fault here.
    throw new DocentError('extraction_failed', 'The HTML file could not be parsed.', { cause: error });
  }
};

/**
 * HTML document: visible text in blocks, h1-h6 as headings, `title` from `<title>`. Throws
 * `too_large` once the visible text passes `maxExtractedChars`.
 */
export const extractHtml = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument => {
  const { blocks, title } = htmlBlocks(decodeTextContent(bytes), new CharBudget(limits.maxExtractedChars));
  return finishDocument('text/html', blocks, { title });
};

/**
 * The blocks and `<title>` of HTML source, counting text against `budget`: for formats that carry
 * HTML inside (EPUB chapters, e-mail bodies) and share one budget across their parts.
 */
export const htmlBlocks = (source: string, budget: CharBudget): { blocks: RawBlock[]; title: string | undefined } => {
  const root = parseHtml(source);
  const out = new BlockCollector(budget);
  const top: Context = { kind: 'paragraph', inRow: false, preformatted: false };
  walk(root, top, out);
  out.flush(top);
  return { blocks: out.blocks, title: findTitle(root) };
};

/** HTML by extension, or text that opens like an HTML document. */
export const HTML_FORMAT: FormatDefinition = {
  contentType: 'text/html',
  label: 'HTML',
  extensions: ['html', 'htm', 'xhtml'],
  detection: { kind: 'text', sniff: startsLikeHtml },
  extract: extractHtml,
};
