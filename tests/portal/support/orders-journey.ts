// The world most portal journeys start from: a Brook server, the local orders service
// (Basic auth, its password can change mid-test) and a Chromium session whose
// screenshots go to test-artifacts/portal/<name>. Registers the hooks that start and
// stop them; the returned object is filled in before the first test runs.
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type BrowserSession } from '@brook/testkit';
import { startBrook, type RunningBrook } from './brook.js';
import { startOrdersService, type OrdersService } from './orders-service.js';

export interface OrdersJourney {
  brook: RunningBrook;
  service: OrdersService;
  browser: BrowserSession;
}

export function useOrdersJourney(name: string, viewport?: { width: number; height: number }): OrdersJourney {
  const world: Partial<OrdersJourney> = {};
  beforeAll(async () => {
    world.service = await startOrdersService('svc-orders', 'first-Passw0rd');
    world.brook = await startBrook();
    world.browser = await launchChromium({ artifactsDir: `test-artifacts/portal/${name}`, ...(viewport ? { viewport } : {}) });
  }, 120_000);
  afterAll(async () => {
    await world.browser?.close();
    await world.brook?.close();
    await world.service?.close();
  });
  return world as OrdersJourney;
}
