import { html, mathml, nothing, type TemplateResult } from 'lit';
import { parseMarkdown, type Block, type Inline } from './markdown.js';
import { texToMathML, TexError, type MathNode } from './tex.js';
import { richTextStyles } from './render.styles.js';
import type { ComposerStrings } from '../composer-strings.js';
import type { CourseChatStrings } from '../strings.js';
import { adoptStyles } from '../lazy.js';

/** Gives a shadow root the rendered text's styles, which load with the renderer (once per root). */
export function adoptRichTextStyles(root: ShadowRoot): void {
  adoptStyles(root, richTextStyles);
}

/** What the rendered text needs from the message that shows it. */
export interface RichTextOptions {
  /** Renders a run of plain text (the message marks its mentions in it). */
  text: (text: string) => unknown;
  /** Whether the message's row is the one in the tab order: its links and buttons are too. */
  active: boolean;
  /** "Copy code" */
  copyCode: string;
  /** "This formula could not be shown", on the source of invalid TeX. */
  mathError: string;
}

/** The composer's preview of a draft (its region, named by `s.preview`). */
export function renderPreview(
  root: ShadowRoot,
  text: string,
  s: Pick<ComposerStrings, 'preview' | 'nothingToPreview'> & Pick<CourseChatStrings, 'copyCode' | 'mathError'>,
): TemplateResult {
  adoptRichTextStyles(root);
  const { copyCode, mathError } = s;
  return html`<section id="preview" class="preview" aria-label=${s.preview} dir="auto">
    ${
      text.trim()
        ? html`<div class="rich">
            ${renderRichText(text, { text: (run) => run, active: true, copyCode, mathError })}
          </div>`
        : html`<p>${s.nothingToPreview}</p>`
    }
  </section>`;
}

/**
 * A message's source as Lit templates, from the parsed tree: every string goes in as text or an
 * attribute value, never as markup, so nothing a message says can run or load.
 */
export function renderRichText(source: string, options: RichTextOptions): TemplateResult[] {
  return parseMarkdown(source).map((block) => renderBlock(block, options));
}

function renderBlock(block: Block, options: RichTextOptions): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${renderInlines(block.children, options)}</p>`;
    case 'code':
      // The block scrolls sideways, so the keyboard must reach it in every row, not only the active one.
      return html`<div class="code-block">
        <pre tabindex="0" data-lang=${block.lang || nothing}><code>${block.text}</code></pre>
        <button
          type="button"
          class="copy"
          tabindex=${options.active ? nothing : '-1'}
          @click=${() => void navigator.clipboard?.writeText(block.text)}
        >
          ${options.copyCode}
        </button>
      </div>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInlines(item, options)}</li>`);
      return block.ordered
        ? html`<ol start=${block.start === 1 ? nothing : block.start}>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`;
    }
    case 'quote':
      return html`<blockquote>${block.children.map((child) => renderBlock(child, options))}</blockquote>`;
  }
}

function renderInlines(nodes: readonly Inline[], options: RichTextOptions): unknown[] {
  return nodes.map((node) => renderInline(node, options));
}

function renderInline(node: Inline, options: RichTextOptions): unknown {
  switch (node.type) {
    case 'text':
      return options.text(node.text);
    case 'code':
      return html`<code>${node.text}</code>`;
    case 'em':
      return html`<em>${renderInlines(node.children, options)}</em>`;
    case 'strong':
      return html`<strong>${renderInlines(node.children, options)}</strong>`;
    case 'link':
      return html`<a
        href=${node.href}
        target="_blank"
        rel="noopener noreferrer"
        tabindex=${options.active ? nothing : '-1'}
        >${renderInlines(node.children, options)}<span class="host"> (${node.host})</span></a
      >`;
    case 'math':
      return renderMath(node.tex, node.display, options);
  }
}

/**
 * A formula as MathML, which browsers lay out themselves. Screen readers and a copy get the TeX
 * source (a hidden text beside it); the rendering itself is neither read nor selected.
 */
function renderMath(tex: string, display: boolean, options: RichTextOptions): TemplateResult {
  const source = display ? `$$${tex}$$` : `$${tex}$`;
  let tree: MathNode;
  try {
    tree = texToMathML(tex);
  } catch (error) {
    if (!(error instanceof TexError)) throw error;
    return html`<span class="math-error" title=${options.mathError}>${source}</span>`;
  }
  return html`<span class="math ${display ? 'display' : ''}"
    ><math aria-hidden="true" display=${display ? 'block' : 'inline'}>${renderMathNode(tree)}</math
    ><span class="tex-source visually-hidden">${source}</span></span
  >`;
}

function renderMathNode(node: MathNode): TemplateResult {
  if ('text' in node) {
    const variant = node.variant ?? nothing;
    switch (node.tag) {
      case 'mi':
        return mathml`<mi mathvariant=${variant}>${node.text}</mi>`;
      case 'mn':
        return mathml`<mn>${node.text}</mn>`;
      case 'mo':
        return mathml`<mo>${node.text}</mo>`;
      case 'mtext':
        return mathml`<mtext>${node.text}</mtext>`;
    }
  }
  const children = node.children.map(renderMathNode);
  switch (node.tag) {
    case 'mrow':
      return mathml`<mrow>${children}</mrow>`;
    case 'msup':
      return mathml`<msup>${children}</msup>`;
    case 'msub':
      return mathml`<msub>${children}</msub>`;
    case 'msubsup':
      return mathml`<msubsup>${children}</msubsup>`;
    case 'mfrac':
      return mathml`<mfrac>${children}</mfrac>`;
    case 'msqrt':
      return mathml`<msqrt>${children}</msqrt>`;
    case 'mroot':
      return mathml`<mroot>${children}</mroot>`;
    case 'mtable':
      return mathml`<mtable>${children}</mtable>`;
    case 'mtr':
      return mathml`<mtr>${children}</mtr>`;
    case 'mtd':
      return mathml`<mtd>${children}</mtd>`;
  }
}
