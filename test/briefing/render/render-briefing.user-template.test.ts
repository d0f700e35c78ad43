import { renderBriefing, stripFrontmatter, tidy } from '../../../src/briefing/render/render-briefing';
import { emptyWeek, normalWeek, sourcesDownWeek } from './briefing-fixtures';

const PATH = 'Templates/CEO Briefing.md';

function withTemplate(text: string, data = normalWeek()) {
  return renderBriefing(data, { path: PATH, text });
}

describe('a user template that works', () => {
  const text = [
    '---',
    'tags: [template]',
    '---',
    '# Week {{week.label}}',
    '',
    '{{summary}}',
    '',
    '{{#if finance}}',
    'Profit: {{money data.finance.profit.current}} ({{pct data.finance.profit.changePct}})',
    '{{else}}',
    '{{financeMissing}}',
    '{{/if}}',
    '',
    '',
    '',
  ].join('\n');

  it('is used, without its frontmatter', () => {
    const result = withTemplate(text);
    expect(result).toEqual({
      markdown:
        '# Week 2026-W08\n\n' +
        'Strong week with revenue ahead of target. One bottleneck identified in client onboarding process.\n\n' +
        'Travel was a new cost this week; everything else stayed within last week’s spending.\n\n' +
        'Profit: \\$15,188.10 (+31.2%)\n',
      usedTemplate: 'user',
    });
  });

  it('handles a week without books through the same template', () => {
    const result = withTemplate(text, sourcesDownWeek());
    expect(result.usedTemplate).toBe('user');
    expect(result.markdown).toContain('Finance figures are not in this briefing: Odoo at https://erp.example.com');
  });

  it('can lay out the prepared tables', () => {
    const result = withTemplate('## Money\n\n{{table finance.expensesTable}}\n\n{{finance.profit}}\n');
    expect(result.usedTemplate).toBe('user');
    expect(result.markdown).toContain('| **Total**         | **\\$1,062.40** | **\\$420** | **+153%** |');
  });
});

describe('a user template that fails', () => {
  function failing(text: string, data = normalWeek()) {
    const result = withTemplate(text, data);
    expect(result.usedTemplate).toBe('default');
    expect(result.markdown).toBe(renderBriefing({ ...data, notes: [...data.notes, result.problem ?? ''] }).markdown);
    expect(result.markdown).toContain(`> - ${result.problem ?? 'no problem'}`.replace(/\$/g, '\\$'));
    return result.problem ?? '';
  }

  it('says which block is never closed, on the note line where it opens', () => {
    const problem = failing('---\ntitle: x\n---\n# {{title}}\n\n{{#each insights}}\n1. {{this}}\n');
    expect(problem).toBe(
      'Template Templates/CEO Briefing.md, line 6: {{#each}} is never closed (add {{/each}}). The default template was used instead.',
    );
  });

  it('names an unknown helper and lists the real ones', () => {
    const problem = failing('# {{title}}\n\n{{nosuchhelper x}}\n');
    expect(problem).toMatch(/^Template Templates\/CEO Briefing\.md, line 3: unknown helper "nosuchhelper" \(the briefing helpers are money, /);
    expect(problem).toMatch(/\. The default template was used instead\.$/);
  });

  it('reports an unknown helper even in a section this week skips', () => {
    const problem = failing('{{#if finance}}\n{{moneyy data.finance.profit.current}}\n{{/if}}\n', sourcesDownWeek());
    expect(problem).toContain('line 2: unknown helper "moneyy"');
  });

  it('reports a helper that throws, with its line', () => {
    const problem = failing('# {{title}}\n{{money summary}}\n');
    expect(problem).toBe(
      'Template Templates/CEO Briefing.md, line 2: the helper "money" failed: expects a number, got string "Strong week with revenue ahead of targe…". The default template was used instead.',
    );
  });

  it('reports a misspelt field passed to a helper', () => {
    const problem = failing('{{money data.finance.proft.current}}\n');
    expect(problem).toContain('line 1: the helper "money" failed: expects a number, got nothing (is the field name right?)');
  });

  it('reports a closing tag that does not match', () => {
    expect(failing('{{#if finance}}\nx\n{{/each}}\n')).toContain('line 1: {{/each}} closes {{#if}}');
  });

  it('reports broken braces', () => {
    expect(failing('ok\n{{title\n')).toBe(
      'Template Templates/CEO Briefing.md, line 2: a "{{" is never closed with "}}". The default template was used instead.',
    );
    expect(failing('{{title}\n')).toContain('line 1: a "{{" that is not closed, or something between the braces Handlebars cannot read: "{{title}"');
    expect(failing('{{money 1 2 3}}\n')).toContain('line 1: the helper "money" failed: takes 1 to 2 arguments, got 3');
    expect(failing('a\n{{{{raw}}}}x\n')).toContain('line 2: Handlebars cannot read the braces on this line. The default');
    expect(failing('{{#if}}x{{/if}}\n')).toContain('CEO Briefing.md: #if requires exactly one argument. The default');
    expect(failing('{{#each insights}}{{else}}{{else}}{{/each}}')).toContain('line 1: {{else}} outside a block, or twice in one block');
  });

  it('reports a partial, which briefing templates cannot use', () => {
    expect(failing('a\n{{> header}}\n')).toContain('line 2: the partial "header" does not exist');
  });

  it('reports a whole object printed where a field was meant', () => {
    expect(failing('{{finance.revenueTable}}\n')).toContain('Template Templates/CEO Briefing.md: it prints a whole object');
  });

  it('reports an empty template', () => {
    expect(failing('---\ntags: [template]\n---\n\n{{! nothing yet }}\n', emptyWeek())).toBe(
      'Template Templates/CEO Briefing.md: the template renders an empty page. The default template was used instead.',
    );
  });
});

describe('stripFrontmatter', () => {
  it('removes the block and counts its lines', () => {
    expect(stripFrontmatter('---\na: 1\nb: 2\n---\nbody\n')).toEqual({ body: 'body\n', offset: 4 });
    expect(stripFrontmatter('\uFEFF---\r\na: 1\r\n---\r\nbody')).toEqual({ body: 'body', offset: 3 });
    expect(stripFrontmatter('no frontmatter\n---\n')).toEqual({ body: 'no frontmatter\n---\n', offset: 0 });
  });
});

describe('tidy', () => {
  it('leaves one blank line between blocks and one newline at the end', () => {
    expect(tidy('\n\n# A\r\n\n\n\ntext  \n \n\n')).toBe('# A\n\ntext\n');
  });

  it('keeps code blocks as written', () => {
    expect(tidy('```\na\n\n\nb\n```\n\n\nc')).toBe('```\na\n\n\nb\n```\n\nc\n');
  });
});
