import { describe, expect, it } from 'vitest';
import { flow, run } from '../testing/harness.js';

describe('what expressions see in a run', () => {
  it('trigger(), triggerBody(), workflow(), parameters() and actions()', async () => {
    const result = await run(
      flow(
        {
          First: { type: 'Compose', inputs: { n: 1 } },
          Look: {
            type: 'Compose',
            inputs: {
              trigger: "@trigger()['name']",
              body: "@triggerBody()?['who']",
              query: "@triggerOutputs()?['queries']?['page']",
              run: '@workflow().run.name',
              flow: '@workflow().name',
              limit: "@parameters('limit')",
              status: "@actions('First')['status']",
              outputs: "@outputs('First')?['n']",
              slash: "@outputs('First')?['n/x']",
            },
            runAfter: { First: ['Succeeded'] },
          },
          Early: { type: 'Compose', inputs: "@outputs('Late')" },
          Late: { type: 'Compose', inputs: 1, runAfter: { First: ['Succeeded'] } },
          Unknown: { type: 'Compose', inputs: "@parameters('nope')" },
        },
        { parameters: { limit: { type: 'Int', defaultValue: 10 } } },
      ),
      { triggerOutputs: { headers: {}, body: { who: 'Ada' }, queries: { page: '2' } } },
    );
    expect(result.outputs('Look')).toEqual({ trigger: 'manual', body: 'Ada', query: '2', run: result.run.id, flow: 'flow_local', limit: 10, status: 'Succeeded', outputs: 1, slash: null });
    expect(result.byKey.Early?.error?.message).toContain("'Late' has not run yet");
    expect(result.byKey.Unknown?.error?.message).toContain("'nope' is not defined");
  });

  it('hides secure inputs and outputs in the records but not from later actions', async () => {
    const result = await run(
      flow({
        Secret: { type: 'Compose', inputs: 'p@ss', runtimeConfiguration: { secureData: { properties: ['inputs'] } } },
        Use: { type: 'Compose', inputs: "@length(outputs('Secret'))", runAfter: { Secret: ['Succeeded'] } },
      }),
    );
    expect(result.byKey.Secret).toMatchObject({ inputs: { $secure: true }, outputs: { $secure: true } });
    expect(result.outputs('Use')).toBe(4);
    expect(JSON.stringify(result.actions)).not.toContain('p@ss');
  });

  it('never records the values of secure parameters', async () => {
    const result = await run(
      flow(
        {
          Use: { type: 'Compose', inputs: { header: "Bearer @{parameters('token')}", nested: "@parameters('keys')" } },
          Fail: { type: 'Compose', inputs: "@int(parameters('token'))" },
          Length: { type: 'Compose', inputs: "@length(outputs('Use')?['header'])", runAfter: { Use: ['Succeeded'] } },
        },
        { parameters: { token: { type: 'SecureString', defaultValue: 'tok-s3cret-value' }, keys: { type: 'secureobject', defaultValue: { primary: 'key-one-secret' } } } },
      ),
    );
    expect(result.outputs('Use')).toEqual({ header: 'Bearer ***', nested: { primary: '***' } });
    expect(result.outputs('Length')).toBe('Bearer tok-s3cret-value'.length);
    const recorded = JSON.stringify(result.actions);
    expect(recorded).not.toContain('tok-s3cret-value');
    expect(recorded).not.toContain('key-one-secret');
    expect(result.byKey.Fail?.status).toBe('Failed');
  });

  it('evaluates trackedProperties after the action, with action()', async () => {
    const result = await run(flow({ Order: { type: 'Compose', inputs: { id: 5 }, trackedProperties: { orderId: "@action()['outputs']['id']", fixed: 'x' } } }));
    expect(result.byKey.Order?.trackedProperties).toEqual({ orderId: 5, fixed: 'x' });
  });

  it('answers with static results when an action opts in', async () => {
    const result = await run(
      flow(
        {
          Mocked: { type: 'Http', inputs: { method: 'GET', uri: 'http://127.0.0.1:1/never' }, runtimeConfiguration: { staticResult: { name: 'Mocked0', staticResultOptions: 'Enabled' } } },
          Failing: { type: 'Http', inputs: { method: 'GET', uri: 'http://127.0.0.1:1/never' }, runtimeConfiguration: { staticResult: { name: 'Bad0', staticResultOptions: 'Enabled' } } },
        },
        {
          staticResults: {
            Mocked0: { status: 'Succeeded', outputs: { statusCode: 200, body: { mock: true } } },
            Bad0: { status: 'Failed', outputs: { statusCode: 500, errors: [{ code: 'Boom', message: 'mocked failure' }] } },
          },
        },
      ),
    );
    expect(result.byKey.Mocked).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 200, body: { mock: true } } });
    expect(result.byKey.Failing?.error).toMatchObject({ code: 'Boom', message: 'mocked failure' });
  });
});
