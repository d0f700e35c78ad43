/** The shared order and sums of `revenueByClientAndProject`, whichever backend gave the amounts. */
import { revenueLines, type RevenueLine } from '../../src/accounting/accounting-port';

const line = (client: string, project: string | null, amount: number): RevenueLine => ({ client, project, amount });

describe('revenueLines', () => {
  it('sums each client and project in cents and leaves out what nets to zero', () => {
    const tenths = Array.from({ length: 1000 }, () => line('Acme', 'Website', 0.1));
    expect(revenueLines([...tenths, line('Acme', null, 250), line('Acme', null, -250), line('Globex', 'Audit', 400), line('Globex', 'Audit', -400)])).toEqual([
      line('Acme', 'Website', 100),
    ]);
    expect(revenueLines([])).toEqual([]);
  });

  it('orders clients by their total (then name), and each one’s lines by amount, then project, no project last', () => {
    const lines = revenueLines([
      line('Beta', 'Website', 100),
      line('Alpha', null, 300),
      line('Gamma', null, 50),
      line('Gamma', 'Zeta', 50),
      line('Gamma', 'Apps', 50),
      line('Alpha', 'SEO', 300),
      line('Beta', 'SEO', 500),
      line('Alpha', 'Apps', 1000),
      // Delta's total (−100) puts it last, whatever its largest line.
      line('Delta', 'Website', 900),
      line('Delta', null, -1000),
    ]);
    expect(lines).toEqual([
      line('Alpha', 'Apps', 1000),
      line('Alpha', 'SEO', 300),
      line('Alpha', null, 300),
      line('Beta', 'SEO', 500),
      line('Beta', 'Website', 100),
      line('Gamma', 'Apps', 50),
      line('Gamma', 'Zeta', 50),
      line('Gamma', null, 50),
      line('Delta', 'Website', 900),
      line('Delta', null, -1000),
    ]);
  });

  it('breaks a tie between client totals by name, and keeps project and no project apart', () => {
    expect(revenueLines([line('Zed', 'X', 200), line('Abe', null, 100), line('Abe', 'null', 100)])).toEqual([
      line('Abe', 'null', 100),
      line('Abe', null, 100),
      line('Zed', 'X', 200),
    ]);
  });
});
