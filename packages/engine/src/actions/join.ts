// Join: the elements of `from` as text, separated by `joinWith`.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject, requireArray } from './inputs.js';
import { interpolated } from '../expressions/text.js';

export const joinAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const from = requireArray(ctx, inputs.from, 'from', inputs);
    if (typeof inputs.joinWith !== 'string') fail(ctx, "'joinWith' must be a string such as ', '.", inputs);
    return succeeded(inputs, { body: from.map(interpolated).join(inputs.joinWith) });
  },
};
