import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { layoutFolders, resolveLayout } from '../../src/core/layout';
import { defaultSettings } from '../../src/core/settings';
import { DASHBOARD_END_MARKER, DASHBOARD_START_MARKER } from '../../src/vault/dashboard-markers';
import { splitNote } from '../../src/vault/frontmatter';
import { FsVault } from '../../src/vault/fs-vault';
import { HANDBOOK_DEFAULTS, readHandbook, validateHandbook } from '../../src/vault/handbook';
import { initVault } from '../../src/vault/init-vault';

describe('initVault', () => {
  let dir: string;
  let vault: FsVault;
  const clock = new ManualClock('2026-02-20T12:00:00Z');
  const layout = resolveLayout(defaultSettings());
  const read = (p: string) => fs.readFileSync(path.join(dir, p), 'utf8');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-init-'));
    vault = new FsVault(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates every folder, the dashboard and the handbook', async () => {
    const result = await initVault({ vault, layout, clock });
    expect(result.createdFolders).toEqual(layoutFolders(layout));
    expect(result.createdFiles).toEqual(['Dashboard.md', 'Company_Handbook.md', 'Business_Goals.md']);
    expect(result.kept).toEqual([]);
    for (const folder of layoutFolders(layout)) expect(fs.statSync(path.join(dir, folder)).isDirectory()).toBe(true);

    const dashboard = splitNote(read('Dashboard.md'));
    expect(dashboard.frontmatter).toMatchObject({ type: 'dashboard', status: 'active' });
    const start = dashboard.body.indexOf(DASHBOARD_START_MARKER);
    expect(start).toBeGreaterThan(0);
    expect(dashboard.body.indexOf(DASHBOARD_END_MARKER)).toBeGreaterThan(start);

    const handbook = splitNote(read('Company_Handbook.md'));
    expect(handbook.frontmatter).toMatchObject({
      type: 'handbook',
      status: 'active',
      approval_amount_threshold: 500,
      currency: 'USD',
      payment_always_needs_approval: true,
      new_contact_needs_approval: true,
      approval_expiry_hours: 48,
      max_iterations: 10,
      known_contacts: [],
      revenue_target_monthly: 10000,
    });
    // Every threshold is explained in the body.
    for (const key of Object.keys(HANDBOOK_DEFAULTS)) expect(handbook.body).toContain(`**${key}**`);
    expect((await readHandbook(vault, layout)).problems).toEqual([]);
  });

  it('is idempotent and never overwrites what the user has', async () => {
    fs.mkdirSync(path.join(dir, 'Inbox'));
    fs.writeFileSync(path.join(dir, 'Dashboard.md'), 'My own dashboard\n');
    const first = await initVault({ vault, layout, clock });
    expect(first.createdFolders).not.toContain('Inbox');
    expect(first.kept).toEqual(['Dashboard.md']);
    expect(read('Dashboard.md')).toBe('My own dashboard\n');

    const edited = read('Company_Handbook.md').replace('approval_amount_threshold: 500', 'approval_amount_threshold: 250');
    fs.writeFileSync(path.join(dir, 'Company_Handbook.md'), edited);
    const second = await initVault({ vault, layout, clock });
    expect(second).toEqual({ createdFolders: [], createdFiles: [], kept: ['Dashboard.md', 'Company_Handbook.md', 'Business_Goals.md'] });
    expect(read('Company_Handbook.md')).toBe(edited);
    expect((await readHandbook(vault, layout)).thresholds.approval_amount_threshold).toBe(250);
  });

  it('follows a custom root folder and folder names', async () => {
    const settings = defaultSettings();
    settings.rootFolder = 'Business';
    settings.folders.inbox = '00 Inbox';
    const custom = resolveLayout(settings);
    const result = await initVault({ vault, layout: custom, clock });
    expect(result.createdFiles).toEqual(['Business/Dashboard.md', 'Business/Company_Handbook.md', 'Business/Business_Goals.md']);
    expect(fs.existsSync(path.join(dir, 'Business', '00 Inbox'))).toBe(true);
  });
});

describe('handbook validation', () => {
  it.each([
    [{ approval_amount_threshold: -5 }, 'approval_amount_threshold: must be a number ≥ 0'],
    [{ approval_amount_threshold: 'lots' }, 'approval_amount_threshold: must be a number ≥ 0'],
    [{ currency: 'dollars' }, 'currency: must be a three-letter currency code like USD'],
    [{ payment_always_needs_approval: 'sometimes' }, 'payment_always_needs_approval: must be true or false'],
    [{ approval_expiry_hours: 0 }, 'approval_expiry_hours: must be a whole number of hours between 1 and 720'],
    [{ approval_expiry_hours: 1.5 }, 'approval_expiry_hours: must be a whole number of hours between 1 and 720'],
    [{ max_iterations: 11 }, 'max_iterations: must be a whole number between 1 and 10'],
    [{ known_contacts: { sam: 1 } }, 'known_contacts: must be a list of e-mail addresses, phone numbers or names'],
    [{ revenue_target_monthly: -1 }, 'revenue_target_monthly: must be a number ≥ 0'],
  ])('%j → %s, with the default kept for that field only', (frontmatter, problem) => {
    const result = validateHandbook({ ...frontmatter, approval_amount_threshold: (frontmatter as Record<string, unknown>).approval_amount_threshold ?? 750 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(new RegExp(`^${problem.replace(/[()]/g, '\\$&')} \\(using the default, `));
    const field = Object.keys(frontmatter)[0] as keyof typeof HANDBOOK_DEFAULTS;
    expect(result.thresholds[field]).toEqual(HANDBOOK_DEFAULTS[field]);
    if (field !== 'approval_amount_threshold') expect(result.thresholds.approval_amount_threshold).toBe(750);
  });

  it('accepts friendly spellings', () => {
    const { thresholds, problems } = validateHandbook({
      approval_amount_threshold: '1000',
      currency: 'eur',
      payment_always_needs_approval: 'yes',
      new_contact_needs_approval: 'No',
      known_contacts: 'sam@example.com',
      max_iterations: '5',
    });
    expect(problems).toEqual([]);
    expect(thresholds).toMatchObject({
      approval_amount_threshold: 1000,
      currency: 'EUR',
      payment_always_needs_approval: true,
      new_contact_needs_approval: false,
      known_contacts: ['sam@example.com'],
      max_iterations: 5,
    });
  });

  it('never crashes on a missing or broken handbook', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-handbook-'));
    try {
      const vault = new FsVault(dir);
      const layout = resolveLayout(defaultSettings());
      const missing = await readHandbook(vault, layout);
      expect(missing).toMatchObject({ found: false, thresholds: HANDBOOK_DEFAULTS });
      expect(missing.problems[0]).toContain('Company_Handbook.md was not found');

      fs.writeFileSync(path.join(dir, 'Company_Handbook.md'), '---\ncurrency: "USD\nmax_iterations: 3\n---\nRules\n');
      const broken = await readHandbook(vault, layout);
      expect(broken).toMatchObject({ found: true, thresholds: HANDBOOK_DEFAULTS });
      expect(broken.problems[0]).toMatch(/^Company_Handbook\.md: Broken YAML frontmatter.*every threshold uses its default until it is fixed$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
