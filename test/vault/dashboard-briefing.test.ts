/** The dashboard's "Latest CEO briefing": the newest week, its whole summary and its totals, from the page's properties. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveLayout } from '../../src/core/layout';
import { defaultSettings } from '../../src/core/settings';
import { readLatestBriefing } from '../../src/vault/dashboard-sources';
import { FsVault } from '../../src/vault/fs-vault';

const layout = resolveLayout(defaultSettings());
let dir: string;
let vault: FsVault;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-latest-'));
  vault = new FsVault(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('takes the latest week, with a summary of several lines whatever the page layout', async () => {
  await vault.write('Briefings/CEO-2026-W09.md', '---\nweek: 2026-W09\nsummary: Older.\n---\n# Old\n');
  await vault.write(
    'Briefings/CEO-2026-W10.md',
    '---\nweek: 2026-W10\nweek_start: 2026-03-02\nweek_end: 2026-03-08\ncurrency: USD\nrevenue_total: 8800\nexpenses_total: 364.99\nprofit: 8435.01\nsummary: "Revenue was $8,800.\\nTwo tasks wait for you."\n---\n# A page laid out by the owner\n\nNo summary heading here.\n',
  );
  await vault.write('Briefings/Template - CEO briefing.md', '# not a briefing');
  expect(await readLatestBriefing(vault, layout)).toEqual({
    path: 'Briefings/CEO-2026-W10.md',
    week: '2026-W10',
    weekStart: '2026-03-02',
    weekEnd: '2026-03-08',
    summary: 'Revenue was $8,800.\nTwo tasks wait for you.',
    currency: 'USD',
    revenue: 8800,
    expenses: 364.99,
    profit: 8435.01,
  });
});
