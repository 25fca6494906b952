// Response: what the HTTP caller of a Request trigger gets back (statusCode 200 by
// default, headers, body). A run answers once: a second Response fails.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { interpolated } from '../expressions/text.js';

export const responseAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const status = inputs.statusCode === undefined ? 200 : Number(inputs.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599 || (status >= 300 && status < 400)) {
      fail(ctx, `statusCode must be a 2xx, 4xx or 5xx HTTP status; got ${JSON.stringify(inputs.statusCode)}.`, inputs);
    }
    if (ctx.run.response) fail(ctx, 'the request was already answered by an earlier Response action; a run answers once.', inputs, 'ActionResponseAlreadySent');
    const headers: Record<string, string> = {};
    if (inputs.headers !== undefined && inputs.headers !== null) {
      if (typeof inputs.headers !== 'object' || Array.isArray(inputs.headers)) fail(ctx, 'headers must be an object of names and values.', inputs);
      for (const [name, value] of Object.entries(inputs.headers as Record<string, unknown>)) headers[name] = interpolated(value);
    }
    const response = { statusCode: status, headers, body: inputs.body === undefined ? null : inputs.body };
    ctx.run.response = response;
    return succeeded(inputs, response);
  },
};
