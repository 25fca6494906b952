import { describe, expect, it } from 'vitest';
import { flow, json, run, serve } from '../testing/harness.js';

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
        Later: { type: 'Compose', inputs: "@outputs('Use')", runAfter: { Use: ['Succeeded'] } },
      }),
    );
    expect(result.byKey.Secret).toMatchObject({ inputs: { $secure: true }, outputs: { $secure: true } });
    expect(result.outputs('Later')).toBe(4);
    expect(JSON.stringify(result.actions)).not.toContain('p@ss');
  });

  it('hides the inputs of actions that read secured data, and for Compose their outputs too', async () => {
    const server = await serve((_req, res) => json(res, 200, { stored: true }));
    try {
      const result = await run(
        flow({
          Token: { type: 'Compose', inputs: "@triggerBody()?['token']", runtimeConfiguration: { secureData: { properties: ['inputs'] } } },
          Copy: { type: 'Compose', inputs: "@concat('Bearer ', outputs('Token'))", runAfter: { Token: ['Succeeded'] } },
          Send: { type: 'Http', inputs: { method: 'POST', uri: `${server.url}/store`, body: { auth: "@outputs('Token')" } }, runAfter: { Token: ['Succeeded'] } },
          Tracked: { type: 'Compose', inputs: 1, trackedProperties: { leaked: "@outputs('Token')", plain: 'x' }, runAfter: { Token: ['Succeeded'] } },
          Length: { type: 'Compose', inputs: "@length(outputs('Copy'))", runAfter: { Copy: ['Succeeded'] } },
        }),
        { triggerOutputs: { headers: {}, body: { token: 'tok-4f9a-secret' } } },
      );
      expect(result.byKey.Copy).toMatchObject({ status: 'Succeeded', inputs: { $secure: true }, outputs: { $secure: true } });
      expect(result.byKey.Send).toMatchObject({ status: 'Succeeded', inputs: { $secure: true }, outputs: { statusCode: 200, body: { stored: true } } });
      expect(JSON.parse(server.requests[0]!.body)).toEqual({ auth: 'tok-4f9a-secret' });
      expect(result.byKey.Tracked?.trackedProperties).toEqual({ $secure: true });
      // What a Compose outputs is not secured further (as the service does): only its length is read here.
      expect(result.outputs('Length')).toBe('Bearer tok-4f9a-secret'.length);
      expect(JSON.stringify(result.actions)).not.toContain('tok-4f9a-secret');
    } finally {
      await server.close();
    }
  });

  it('hides the inputs of actions that read a trigger with secure outputs', async () => {
    const result = await run(
      flow(
        { Read: { type: 'Compose', inputs: "@triggerBody()?['card']" }, Other: { type: 'Compose', inputs: 'plain' } },
        { triggers: { manual: { type: 'Request', kind: 'Http', runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } } } } },
      ),
      { triggerOutputs: { headers: {}, body: { card: '4111-1111' } } },
    );
    expect(result.byKey.Read).toMatchObject({ inputs: { $secure: true }, outputs: { $secure: true } });
    expect(result.outputs('Other')).toBe('plain');
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
