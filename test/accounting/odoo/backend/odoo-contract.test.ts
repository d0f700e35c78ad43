/**
 * The shared AccountingPort contract, run against Odoo through the real
 * connection and the test server: one version per protocol.
 */
import { CONTRACT_TODAY, contractClock, describeAccountingPort } from '../../accounting-port-contract';
import { OdooAccounting } from '../../../../src/accounting/odoo/odoo-accounting';
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import { ONE_PER_PROTOCOL } from './odoo-backend-fixture';

for (const { version, protocol } of ONE_PER_PROTOCOL) {
  describeAccountingPort(`Odoo ${version} over ${protocol}`, async () => {
    const odoo = await startFakeOdoo({ version, today: CONTRACT_TODAY });
    const clock = contractClock();
    const port = new OdooAccounting({
      connect: () =>
        connectOdoo(
          { url: odoo.url, database: odoo.database, username: odoo.login, apiKey: odoo.apiKey, protocol, timeoutMs: 5000, maxRetries: 2 },
          { sleep: () => Promise.resolve() },
        ),
      clock,
      expenseRecord: 'vendor_bill',
      target: odoo.url,
    });
    return { port, clock, teardown: () => odoo.close() };
  });
}
