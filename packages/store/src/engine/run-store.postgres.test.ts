import { createTestDatabase } from '@brook/testkit';
import { openDatabase } from '../database.js';
import { describeRunStore } from './run-store.suite.js';

let drop: () => Promise<void> = async () => undefined;
describeRunStore(
  'PostgreSQL',
  async () => {
    const test = await createTestDatabase('store');
    drop = () => test.drop();
    return openDatabase({ url: test.url });
  },
  async () => drop(),
);
