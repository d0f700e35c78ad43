import { describeAccountingPort } from '../accounting-port-contract';
import { makeLedgerFixture } from './ledger-fixture';

describeAccountingPort('vault ledger', async () => {
  const fixture = makeLedgerFixture();
  return { port: fixture.ledger, clock: fixture.clock, teardown: fixture.cleanup };
});
