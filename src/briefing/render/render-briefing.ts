/**
 * Renders the weekly briefing note. An owner's template (a note in the
 * vault) is used when it compiles and renders; when it does not, the
 * default template renders the page, the page's closing callout says why,
 * and `problem` carries the same sentence for logs and notices. A bad
 * template therefore never costs the owner their Monday briefing.
 */
import type { BriefingData } from '../briefing-data';
import { briefingView } from './briefing-view';
import { DEFAULT_BRIEFING_TEMPLATE } from './default-template';
import { BRIEFING_COMPILE_OPTIONS, BRIEFING_HELPERS, createBriefingHandlebars } from './handlebars-env';
import { describeTemplateError, type TemplateFault } from './template-problem';
import { frontmatterBlock } from '../../vault/frontmatter';

/** An owner's template: the vault path (for messages) and the note's text. */
export interface UserTemplate {
  path: string;
  text: string;
}

export interface RenderedBriefing {
  /** The note body, ending in exactly one newline. */
  markdown: string;
  usedTemplate: 'user' | 'default';
  /** One line: why the user template was not used. */
  problem?: string;
}

/** Renders `data` with the user template when it works, else with the default one. */
export function renderBriefing(data: BriefingData, userTemplate?: UserTemplate): RenderedBriefing {
  if (!userTemplate) return { markdown: renderWith(DEFAULT_BRIEFING_TEMPLATE, data, []), usedTemplate: 'default' };
  const { body, offset } = stripFrontmatter(userTemplate.text);
  let fault: TemplateFault;
  try {
    const markdown = renderWith(body, data, []);
    const wrong = outputFault(markdown);
    if (!wrong) return { markdown, usedTemplate: 'user' };
    fault = wrong;
  } catch (error) {
    fault = describeTemplateError(error, body, BRIEFING_HELPERS);
  }
  const where = fault.line === undefined ? '' : `, line ${fault.line + offset}`;
  const what = fault.what.replace(/[.\s]+$/, '');
  const problem = `Template ${userTemplate.path}${where}: ${what}. The default template was used instead.`;
  return { markdown: renderWith(DEFAULT_BRIEFING_TEMPLATE, data, [problem]), usedTemplate: 'default', problem };
}

function renderWith(template: string, data: BriefingData, extraNotes: string[]): string {
  const hb = createBriefingHandlebars({ currency: data.currency, locale: data.locale });
  const render = hb.compile(template, BRIEFING_COMPILE_OPTIONS);
  return tidy(render(briefingView(data, extraNotes)));
}

// Output a template can produce without an error that is still plainly wrong.
function outputFault(markdown: string): TemplateFault | undefined {
  if (markdown.trim() === '') return { what: 'the template renders an empty page' };
  if (markdown.includes('[object Object]')) {
    return { what: 'it prints a whole object ("[object Object]"): print one of its fields, or a table with {{table …}}' };
  }
  return undefined;
}

/** The template without its frontmatter (not read), and how many lines that removed (to report note lines). */
export function stripFrontmatter(text: string): { body: string; offset: number } {
  const { block, body } = frontmatterBlock(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  return { body, offset: block === '' ? 0 : block.split('\n').length - 1 };
}

/**
 * Line endings as `\n`, no run of blank lines (outside code fences, whose
 * content is the author's), no blank lines at the start, exactly one
 * newline at the end.
 */
export function tidy(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const blank = line.trim() === '';
    if (!fenced && blank && (out.length === 0 || out[out.length - 1]?.trim() === '')) continue;
    out.push(blank && !fenced ? '' : line);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
