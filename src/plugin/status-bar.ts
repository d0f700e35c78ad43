/** What the status bar shows; computed by the plugin, rendered here. */
export interface StatusSnapshot {
  /** 'runner' when this device acts, 'standby' when another runner holds the lease, 'off' when the switch is off. */
  state: 'runner' | 'standby' | 'off' | 'starting';
  otherRunner?: string;
  pendingApprovals: number;
  errors24h: number;
}

/** The text and tooltip for a snapshot; pure, so it is tested without Obsidian. */
export function describeStatus(s: StatusSnapshot): { text: string; tooltip: string } {
  const parts: string[] = [];
  const tips: string[] = [];
  switch (s.state) {
    case 'runner':
      parts.push('AI employee: runner');
      tips.push('This device runs automations.');
      break;
    case 'standby':
      parts.push('AI employee: standby');
      tips.push(`${s.otherRunner ?? 'Another device'} runs automations; this device only shows the dashboard.`);
      break;
    case 'off':
      parts.push('AI employee: off');
      tips.push('Automations are off on this device (turn them on in the plugin settings).');
      break;
    case 'starting':
      parts.push('AI employee: starting');
      tips.push('Starting up.');
      break;
  }
  if (s.pendingApprovals > 0) {
    parts.push(`${s.pendingApprovals} to approve`);
    tips.push(`${s.pendingApprovals} request(s) wait for your approval.`);
  }
  if (s.errors24h > 0) {
    parts.push(`${s.errors24h} error${s.errors24h === 1 ? '' : 's'}`);
    tips.push(`${s.errors24h} error(s) in the last 24 hours: run "Show recent errors".`);
  }
  return { text: parts.join(' · '), tooltip: tips.join('\n') };
}
