// A ConnectionManager wired for tests: in-memory store, a fresh keyring, loopback allowed
// (127.0.0.1 only), and a clock the test can move.
import { ConnectionManager, type ConnectionManagerOptions } from '../connections/connection-manager.js';
import { openBundle, type CredentialBundle } from '../connections/credential-bundle.js';
import { InMemoryConnectionStateStore } from '../connections/memory-state-store.js';
import { ConnectorRegistry } from '../definitions/registry.js';
import { generateSecretKey } from '../secrets/key-source.js';
import { Keyring } from '../secrets/keyring.js';

export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  const clock = {
    now: start,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  return clock;
}

export interface TestSetup {
  manager: ConnectionManager;
  store: InMemoryConnectionStateStore;
  keyring: Keyring;
  connectors: ConnectorRegistry;
  clock: TestClock;
  /** Another manager on the same store and keys: a second Brook process. */
  secondProcess(overrides?: Partial<ConnectionManagerOptions>): ConnectionManager;
  /** The opened credentials of a connection (tests only). */
  credentials(id: string): Promise<CredentialBundle>;
  close(): Promise<void>;
}

export function testSetup(overrides: Partial<ConnectionManagerOptions> = {}): TestSetup {
  const store = new InMemoryConnectionStateStore();
  const keyring = Keyring.fromKeys([generateSecretKey()]);
  const connectors = new ConnectorRegistry();
  const clock = testClock();
  const managers: ConnectionManager[] = [];
  const make = (extra: Partial<ConnectionManagerOptions> = {}): ConnectionManager => {
    const manager = new ConnectionManager({
      store,
      keyring,
      connectors,
      network: { allowedCidrs: ['127.0.0.1/32'] },
      clock: () => clock.now,
      refresh: { pollIntervalMs: 10 },
      ...overrides,
      ...extra,
    });
    managers.push(manager);
    return manager;
  };
  const manager = make();
  return {
    manager,
    store,
    keyring,
    connectors,
    clock,
    secondProcess: make,
    credentials: async (id) => openBundle(keyring, id, (await store.getConnection(id))?.secretsSealed ?? null),
    close: async () => {
      await Promise.all(managers.map((each) => each.close()));
    },
  };
}
