import { describe, expect, it } from 'vitest';
import { connectionUnauthenticatedNotice, flowFailingNotice } from './messages.js';

describe('notice wording', () => {
  it('says why a flow fails in one sentence, without doubled full stops', () => {
    const notice = flowFailingNotice(
      { id: 'flow_1', name: 'Sync orders' },
      {
        id: 'run_1',
        failedAction: 'Get_orders',
        error: {
          code: 'Unauthorized',
          category: 'authentication',
          message: "Connection 'Orders API': the service answered 401 Unauthorized.",
          remedy: { summary: "The password of connection 'Orders API' no longer works.", steps: ['Open Settings (the gear icon), then Connections.'] },
        },
      },
    );
    expect(notice.message).toBe(
      "A run of 'Sync orders' failed at the action 'Get_orders': Connection 'Orders API': the service answered 401 Unauthorized. You will not be told again until the flow succeeds.",
    );
    expect(notice.link).toBe('/runs/run_1');
    expect(notice.details).toEqual(["The password of connection 'Orders API' no longer works.", '1. Open Settings (the gear icon), then Connections.']);
  });

  it('gives the reason a connection was flagged without repeating the advice that follows it', () => {
    const notice = connectionUnauthenticatedNotice({ id: 'conn_1', name: 'Orders API' }, 'The service answered 401 Unauthorized. Verify password.', 'Verify password');
    expect(notice.message).toBe(
      "The service rejected the credentials of the connection 'Orders API' (The service answered 401 Unauthorized). Flows that use it will fail until its credentials are verified.",
    );
    expect(notice.details?.[1]).toBe("Next to 'Orders API', click Verify password and follow the instructions.");
    expect(notice.link).toBe('/settings/connections?focus=conn_1');
  });
});
