import { DASHBOARD_END_MARKER as END, DASHBOARD_START_MARKER as START } from '../../src/vault/dashboard-markers';
import { escapeCell, formatAmount, inlineText, noteLink, truncate } from '../../src/vault/dashboard-format';
import { renderDashboardBlock, type DashboardData } from '../../src/vault/dashboard-render';
import { findBlock, newDashboardNote, spliceDashboard } from '../../src/vault/dashboard-splice';
import { splitNote } from '../../src/vault/frontmatter';
import { tableCells } from '../support/markdown-table';


const empty = <T>(value: T) => ({ ok: true as const, value });

function data(overrides: Partial<DashboardData> = {}): DashboardData {
  return {
    generatedAt: new Date('2026-02-20T10:00:00Z'),
    runner: empty(null),
    folders: empty([]),
    approvals: empty([]),
    attention: empty([]),
    briefing: empty(null),
    activity: empty([]),
    errors: empty([]),
    jobs: empty([]),
    ...overrides,
  };
}

describe('dashboard text escaping', () => {
  it('keeps pipes, newlines and backslashes from breaking a table row', () => {
    const nasty = 'Invoice | ACME\nline two \\| tricky \\';
    const row = `| ${escapeCell(nasty)} | ${escapeCell('x')} |`;
    expect(row).not.toContain('\n');
    expect(tableCells(row)).toHaveLength(2);
    expect(escapeCell('')).toBe('—');
    expect(escapeCell(undefined)).toBe('—');
  });

  it('never lets text forge a marker, a comment or a math span', () => {
    const text = inlineText(`${END} 50%% off $5/$10`);
    expect(text).not.toContain('<');
    expect(text).not.toContain('%%');
    expect(text).toContain('\\$5/\\$10');
  });

  it('shortens long text', () => {
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(inlineText('x'.repeat(500), 50)).toHaveLength(50);
  });

  it('links notes with wikilinks, or Markdown links when the name cannot be a wikilink', () => {
    expect(noteLink('Pending_Approval/APPROVAL_pay.md', 'Pay [ACME] | now')).toBe(
      '[[Pending_Approval/APPROVAL_pay|Pay (ACME) / now]]',
    );
    expect(noteLink('Pending_Approval/a#1.md', 'A')).toBe('[A](Pending_Approval/a%231.md)');
  });

  it('formats amounts', () => {
    expect(formatAmount(1500)).toBe('1,500');
    expect(formatAmount(1234.567)).toBe('1,234.57');
    expect(formatAmount('EUR 20')).toBe('EUR 20');
  });
});

describe('renderDashboardBlock', () => {
  it('renders every section, with None for empty lists', () => {
    const block = renderDashboardBlock(data());
    for (const heading of ['Status', 'Folders', 'Pending approvals', 'Recent activity', 'Errors in the last 24 hours', 'Scheduled jobs']) {
      expect(block).toContain(`## ${heading}`);
    }
    expect(block.match(/^None$/gm)).toHaveLength(4);
    expect(block).toContain('Runner: none yet');
  });

  it('shows a failing source in its own section only', () => {
    const block = renderDashboardBlock(
      data({ approvals: { ok: false, error: 'Pending_Approval is not readable' }, folders: empty([{ label: 'Inbox', path: 'Inbox', count: 3 }]) }),
    );
    expect(block).toContain('Could not read this section: Pending_Approval is not readable');
    expect(block).toContain('| Inbox | 3 |');
  });

  it('renders jobs with dates from the scheduler and a running flag', () => {
    const block = renderDashboardBlock(
      data({
        jobs: empty([
          { id: 'a', title: 'Triage | inbox', schedule: 'every 5 minutes', lastRun: null, lastStatus: null, nextRun: new Date('2026-02-20T10:05:00Z') },
          { id: 'b', title: 'Dashboard', schedule: 'every 5 minutes', lastRun: '2026-02-20T09:55:00Z', lastStatus: 'success', running: true },
        ]),
      }),
    );
    const rows = block.split('\n').filter((l) => l.startsWith('| Triage') || l.startsWith('| Dashboard'));
    expect(rows).toHaveLength(2);
    expect(tableCells(rows[0] ?? '')).toEqual(['Triage \\| inbox', 'every 5 minutes', 'Never', '—', expect.stringMatching(/^2026-02-20 \d\d:\d5$/)]);
    expect(tableCells(rows[1] ?? '')[3]).toBe('running');
  });
});

describe('spliceDashboard', () => {
  it('replaces only what lies between the markers', () => {
    const before = '---\ntype: dashboard\n---\n# Mine\n\nnotes\n';
    const after = '\n\n## My footer\n- keep me\n';
    const result = spliceDashboard(`${before}${START}\nold\n${END}${after}`, 'NEW');
    expect(result.mode).toBe('replaced');
    expect(result.content).toBe(`${before}${START}\nNEW\n\n${END}${after}`);
  });

  it('keeps CRLF files in CRLF', () => {
    const before = '# Mine\r\n';
    const after = '\r\nfooter\r\n';
    const result = spliceDashboard(`${before}${START}\r\nold\r\n${END}${after}`, 'a\nb');
    expect(result.content).toBe(`${before}${START}\r\na\r\nb\r\n\r\n${END}${after}`);
  });

  it('appends a fresh block when the markers are gone', () => {
    expect(spliceDashboard('my text', 'X')).toEqual({ content: `my text\n\n${START}\nX\n\n${END}\n`, mode: 'appended' });
    expect(spliceDashboard('my text\n', 'X').content).toBe(`my text\n\n${START}\nX\n\n${END}\n`);
    expect(spliceDashboard('', 'X').content).toBe(`${START}\nX\n\n${END}\n`);
    // A lone start marker is not a block: the user's text stays, a new block goes at the end.
    expect(spliceDashboard(`a ${START} b`, 'X').mode).toBe('appended');
  });

  it('with duplicated or out-of-order markers replaces only the first well-formed pair', () => {
    const text = `${END} stray\n${START}\nfirst\n${END}\nmiddle\n${START}\nsecond\n${END}\n`;
    const result = spliceDashboard(text, 'NEW');
    expect(result.content).toBe(`${END} stray\n${START}\nNEW\n\n${END}\nmiddle\n${START}\nsecond\n${END}\n`);
    // Nested starts: the one nearest the end marker is used, the other stays as the user's text.
    const nested = `${START} keep\n${START}\nold\n${END}`;
    expect(spliceDashboard(nested, 'N').content).toBe(`${START} keep\n${START}\nN\n\n${END}`);
    expect(findBlock('no markers')).toBeNull();
  });

  it('creates a new note with frontmatter and the block', () => {
    const note = newDashboardNote('X');
    const { frontmatter, body } = splitNote(note);
    expect(frontmatter).toEqual({ type: 'dashboard', status: 'active' });
    expect(body).toContain(`${START}\nX\n\n${END}`);
  });
});
