// Flows and helpers shared by the engine benchmarks.
export const fiveActionFlow = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'size', type: 'String', value: 'none' }] } },
    Order: { type: 'Compose', inputs: { id: "@triggerBody()?['id']", total: "@mul(triggerBody()?['qty'], 3)" }, runAfter: { Init: ['Succeeded'] } },
    Check: {
      type: 'If',
      expression: "@greater(outputs('Order')?['total'], 10)",
      actions: { Big: { type: 'SetVariable', inputs: { name: 'size', value: 'big' } } },
      else: { actions: { Small: { type: 'SetVariable', inputs: { name: 'size', value: 'small' } } } },
      runAfter: { Order: ['Succeeded'] },
    },
    Done: { type: 'Compose', inputs: "@concat(outputs('Order')?['id'], ':', variables('size'))", runAfter: { Check: ['Succeeded'] } },
  },
};

export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Keeps `inFlight` runs going until `total` have finished; returns { seconds, latencies }. */
export async function closedLoop(total, inFlight, startOne) {
  const latencies = [];
  let started = 0;
  const began = performance.now();
  async function client() {
    while (started < total) {
      started += 1;
      const t0 = performance.now();
      await startOne(started);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, client));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, latencies, rate: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
