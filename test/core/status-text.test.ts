import { describeStatus, type StatusSnapshot } from '../../src/plugin/status-bar';

const base: StatusSnapshot = { state: 'runner', pendingApprovals: 0, errors24h: 0 };

describe('describeStatus', () => {
  it.each<[string, StatusSnapshot, string, string[]]>([
    ['runner, nothing to report', base, 'AI employee: runner', ['This device runs automations.']],
    [
      'standby names the other runner',
      { ...base, state: 'standby', otherRunner: 'Office laptop (obsidian)' },
      'AI employee: standby',
      ['Office laptop (obsidian) runs automations; this device only shows the dashboard.'],
    ],
    [
      'standby without a known runner',
      { ...base, state: 'standby' },
      'AI employee: standby',
      ['Another device runs automations; this device only shows the dashboard.'],
    ],
    ['off says where to turn it on', { ...base, state: 'off' }, 'AI employee: off', ['Automations are off on this device (turn them on in the plugin settings).']],
    ['starting', { ...base, state: 'starting' }, 'AI employee: starting', ['Starting up.']],
    [
      'one approval, one error (singular)',
      { ...base, pendingApprovals: 1, errors24h: 1 },
      'AI employee: runner · 1 to approve · 1 error',
      [
        'This device runs automations.',
        '1 request(s) wait for your approval.',
        '1 error(s) in the last 24 hours: run "Show recent errors".',
      ],
    ],
    [
      'several errors (plural)',
      { ...base, errors24h: 7 },
      'AI employee: runner · 7 errors',
      ['This device runs automations.', '7 error(s) in the last 24 hours: run "Show recent errors".'],
    ],
    [
      'approvals only',
      { ...base, state: 'off', pendingApprovals: 12 },
      'AI employee: off · 12 to approve',
      ['Automations are off on this device (turn them on in the plugin settings).', '12 request(s) wait for your approval.'],
    ],
    [
      'standby still shows counts',
      { state: 'standby', otherRunner: 'Server', pendingApprovals: 2, errors24h: 3 },
      'AI employee: standby · 2 to approve · 3 errors',
      [
        'Server runs automations; this device only shows the dashboard.',
        '2 request(s) wait for your approval.',
        '3 error(s) in the last 24 hours: run "Show recent errors".',
      ],
    ],
  ])('%s', (_label, snapshot, text, tooltipLines) => {
    const out = describeStatus(snapshot);
    expect(out.text).toBe(text);
    expect(out.tooltip.split('\n')).toEqual(tooltipLines);
  });

  it('leaves zero counts out of both the text and the tooltip', () => {
    const out = describeStatus({ ...base, pendingApprovals: 0, errors24h: 0 });
    expect(out.text).not.toMatch(/approve|error/);
    expect(out.tooltip).not.toMatch(/approval|error/);
  });

  it('uses sentence case: only the first word of the text is capitalised', () => {
    const { text } = describeStatus({ ...base, pendingApprovals: 3, errors24h: 2 });
    expect(text.startsWith('AI employee:')).toBe(true);
    expect(text.slice('AI employee:'.length)).toBe(text.slice('AI employee:'.length).toLowerCase());
  });
});
