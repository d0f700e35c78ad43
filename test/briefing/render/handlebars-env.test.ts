import Handlebars from 'handlebars';
import {
  BRIEFING_COMPILE_OPTIONS,
  BRIEFING_HELPERS,
  createBriefingHandlebars,
} from '../../../src/briefing/render/handlebars-env';
import { TemplateHelperError } from '../../../src/briefing/render/template-problem';

function render(template: string, context: unknown = {}, format = { currency: 'USD', locale: 'en-US' }): string {
  return createBriefingHandlebars(format).compile(template, BRIEFING_COMPILE_OPTIONS)(context);
}

describe('createBriefingHandlebars', () => {
  it('formats money, changes and days with the briefing settings', () => {
    expect(render('{{money 1500}} {{signedMoney -450}} {{pct 12.46}} {{pct null}} {{days 2.5}} {{signedDays 3}}')).toBe(
      '\\$1,500 -\\$450 +12.5% — 2.5 days +3 days',
    );
    expect(render('{{money 1234.56}}', {}, { currency: 'EUR', locale: 'de-DE' })).toBe('1.234,56 €');
    expect(render('{{money 10 "INR"}}')).toBe('₹10');
    expect(render('{{money nothing}}', { nothing: null })).toBe('—');
  });

  it('formats dates', () => {
    expect(render('{{date start}} / {{date start "month"}}', { start: '2026-02-17' })).toBe('Feb 17, 2026 / February 2026');
  });

  it('does not escape HTML entities into the Markdown, but escapes cells and inline text', () => {
    expect(render('{{name}} | {{cell name}} | {{inline name}}', { name: 'R&D | <Ops>' })).toBe(
      'R&D | <Ops> | R&D \\| &lt;Ops&gt; | R&D \\| &lt;Ops&gt;',
    );
  });

  it('renders a view-model table, or headers and rows', () => {
    const t = { headers: ['A', 'B'], rows: [['x', 1]], align: ['left', 'right'] };
    expect(render('{{table t}}', { t })).toBe('| A   |   B |\n| --- | --: |\n| x   |   1 |');
    expect(render('{{table t.headers t.rows}}', { t })).toBe('| A   | B   |\n| --- | --- |\n| x   | 1   |');
  });

  it('compares and counts for template logic', () => {
    const template = '{{#each items}}{{add @index 1}}. {{this}}{{#if (gt @index 0)}}!{{/if}}{{#if (eq this "b")}}?{{/if}} {{/each}}';
    expect(render(template, { items: ['a', 'b'] })).toBe('1. a 2. b!? ');
  });

  it('reports a wrong call with the helper and the template line', () => {
    let caught: unknown;
    try {
      render('line one\n{{money total}}', { total: 'lots' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateHelperError);
    expect(caught).toMatchObject({ helper: 'money', line: 2, message: 'expects a number, got string "lots"' });
  });

  it('reports a misspelt field instead of printing nothing', () => {
    expect(() => render('{{money finance.revnue}}', { finance: {} })).toThrow('got nothing (is the field name right?)');
    expect(() => render('{{pct}}')).toThrow('takes 1 argument, got 0');
    expect(() => render('{{table finance}}', { finance: {} })).toThrow('expects a table');
    expect(() => render('{{date "2026-02-17" "fancy"}}')).toThrow('unknown date style');
  });

  it('refuses unknown helpers when compiling, even in a branch the data skips', () => {
    const hb = createBriefingHandlebars({ currency: 'USD', locale: 'en-US' });
    expect(() => hb.compile('{{#if nothing}}{{nosuchhelper x}}{{/if}}', BRIEFING_COMPILE_OPTIONS)({})).toThrow(
      'unknown helper nosuchhelper',
    );
  });

  it('leaves the global Handlebars alone', () => {
    createBriefingHandlebars({ currency: 'USD', locale: 'en-US' });
    for (const name of BRIEFING_HELPERS) expect(Handlebars.helpers[name]).toBeUndefined();
  });
});
