import { bold, cellText, escapeBlock, escapeInline, md, renderTable, table } from '../../../src/briefing/render/format-markdown';
import { tableCells } from '../../support/markdown-table';


describe('table', () => {
  it('pads columns and right-aligns amounts', () => {
    const text = table(['Client', 'Amount'], [['ABC', '$10'], ['Northwind', '$1,250.50']], ['left', 'right']);
    expect(text).toBe(
      [
        '| Client    |     Amount |',
        '| --------- | ---------: |',
        '| ABC       |       \\$10 |',
        '| Northwind | \\$1,250.50 |',
      ].join('\n'),
    );
  });

  it('escapes pipes and flattens line breaks, so every row keeps the header shape', () => {
    const text = table(['Task', 'Cause'], [['a | b', 'line one\nline two'], ['x\\|y', '']]);
    const rows = text.split('\n');
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(tableCells(row)).toHaveLength(2);
    expect(tableCells(rows[2] ?? '')).toEqual(['a \\| b', 'line one line two']);
    expect(tableCells(rows[3] ?? '')).toEqual(['x\\\\\\|y', '—']);
  });

  it('fills short rows and cuts long ones', () => {
    const rows = table(['A', 'B'], [['1'], ['1', '2', '3']]).split('\n');
    expect(tableCells(rows[2] ?? '')).toEqual(['1', '—']);
    expect(tableCells(rows[3] ?? '')).toEqual(['1', '2']);
  });

  it('keeps ready Markdown, escaping only bare pipes (a wikilink alias inside a table)', () => {
    expect(cellText(md('[[Done/Task|Task]]'))).toBe('[[Done/Task\\|Task]]');
    expect(cellText(md('already \\| escaped'))).toBe('already \\| escaped');
    expect(cellText(md('a\\\\|b'))).toBe('a\\\\\\|b');
    expect(cellText(md(''))).toBe('');
    expect(cellText(bold('$15,000'))).toBe('**\\$15,000**');
  });

  it('writes numbers, and a dash for missing values', () => {
    expect(cellText(7)).toBe('7');
    expect(cellText(0)).toBe('0');
    expect(cellText(null)).toBe('—');
    expect(cellText('  ')).toBe('—');
  });

  it('allows a blank header cell', () => {
    const text = renderTable({ headers: ['', 'This week'], rows: [['Cash', '$5']] });
    expect(text.split('\n')[0]).toBe('|      | This week |');
  });
});

describe('escapeInline', () => {
  it('keeps text on one line and escapes what would leak', () => {
    expect(escapeInline('a\nb   c')).toBe('a b c');
    expect(escapeInline('$10 and $20')).toBe('\\$10 and \\$20');
    expect(escapeInline('<script>')).toBe('&lt;script&gt;');
    expect(escapeInline('50%% off')).toBe('50%\\% off');
    expect(escapeInline('a | b')).toBe('a \\| b');
    expect(escapeInline(12)).toBe('12');
  });

  it('never shortens', () => {
    expect(escapeInline('x'.repeat(500))).toHaveLength(500);
  });
});

describe('escapeBlock', () => {
  it('keeps paragraphs and list lines', () => {
    expect(escapeBlock('First.\n\n\n\nSecond:\n- one\n- two\n')).toBe('First.\n\nSecond:\n- one\n- two');
  });

  it('stops a line from becoming a heading or a rule', () => {
    expect(escapeBlock('# Big news')).toBe('\\# Big news');
    expect(escapeBlock('Revenue\n---')).toBe('Revenue\n\\---');
    expect(escapeBlock('Revenue\n===')).toBe('Revenue\n\\===');
  });

  it('escapes amounts and HTML like inline text', () => {
    expect(escapeBlock('Paid $5 <b>now</b>\r\nthanks')).toBe('Paid \\$5 &lt;b&gt;now&lt;/b&gt;\nthanks');
  });
});
