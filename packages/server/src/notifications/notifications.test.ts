import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { failingFlow, flakyFlow, ordersFlow } from '../testing/definitions.js';
import { startMailbox, startWebhookInbox, type Mailbox, type WebhookInbox } from '../testing/mailbox.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

const DAY = 86_400_000;

describe('notifications: portal, e-mail and webhook, once per cause', () => {
  let server: TestServer;
  let mailbox: Mailbox;
  let inbox: WebhookInbox;
  let service: OrdersService;
  let alice: ApiClient;

  const settle = async () => {
    await server.server.platform.failureWatch.idle();
    await server.server.context.notifier.idle();
  };
  const runFlow = async (flowId: string, body: unknown) => {
    const run = await finishedRun(alice, (await alice.post(`/api/v1/flows/${flowId}/run`, { body })).body.runId);
    await settle();
    return run;
  };

  beforeAll(async () => {
    mailbox = await startMailbox();
    inbox = await startWebhookInbox();
    service = await startOrdersService('alice', 'first password');
    server = await startTestServer('sqlite', { smtpUrl: mailbox.url, notifyWebhookUrl: inbox.url, allowPrivateNetworks: true, digestHourUtc: 0 });
    ({ alice } = await createPeople(server.url));
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([mailbox.close(), inbox.close(), service.close()]);
  });

  it('tells the owners once when a flow starts failing, and again only after it has worked', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Flaky', definition: flakyFlow() })).body;
    const first = await runFlow(flow.id, { fail: true });
    expect(first.status).toBe('Failed');
    await runFlow(flow.id, { fail: true });
    await eventually(async () => (mailbox.mails.length >= 1 ? true : undefined));

    const bell = (await alice.get('/api/v1/notifications')).body;
    const failing = bell.items.filter((n: { kind: string }) => n.kind === 'flow-failing');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ title: "Flow 'Flaky' is failing", link: `/runs/${first.id}`, readAt: null });
    expect(bell.unread).toBeGreaterThanOrEqual(1);

    const mails = mailbox.mails.filter((m) => m.subject.includes('Flaky'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'alice@example.org', subject: "[Brook] Flow 'Flaky' is failing" });
    expect(mails[0]!.text).toContain(`${server.url}/runs/${first.id}`);
    expect(mails[0]!.text).toContain('The input was rejected');
    await eventually(async () => (inbox.received.some((w) => w.kind === 'flow-failing') ? true : undefined));
    expect(inbox.received.filter((w) => w.kind === 'flow-failing')).toHaveLength(1);
    expect(inbox.received[0]).toMatchObject({ link: `${server.url}/runs/${first.id}`, user: { email: 'alice@example.org' } });

    await runFlow(flow.id, { fail: false });
    await runFlow(flow.id, { fail: true });
    await eventually(async () => (mailbox.mails.filter((m) => m.subject.includes('Flaky')).length === 2 ? true : undefined));

    await alice.post(`/api/v1/notifications/${failing[0].id}/read`);
    await alice.post('/api/v1/notifications/read-all');
    expect((await alice.get('/api/v1/notifications')).body.unread).toBe(0);
  });

  it('e-mails the owner when a connection stops authenticating, with the link that fixes it', async () => {
    const connection = (
      await alice.post('/api/v1/connections', {
        name: 'Orders API',
        connectorId: 'http',
        authType: 'basic',
        parameters: { baseUrl: service.url, verifyPath: '/me', username: 'alice' },
        secrets: { password: 'first password' },
      })
    ).body;
    const flow = (await alice.post('/api/v1/flows', { name: 'Orders', definition: ordersFlow(), connections: { orders: connection.id } })).body;
    await alice.put(`/api/v1/flows/${flow.id}`, {});
    service.password = 'changed elsewhere';
    await runFlow(flow.id, {});
    await runFlow(flow.id, {});
    const mail = await eventually(async () => mailbox.mails.find((m) => m.subject.includes("Connection 'Orders API'")));
    expect(mail.subject).toBe("[Brook] Connection 'Orders API' is not authenticated");
    expect(mail.text).toContain(`${server.url}/settings/connections?focus=${connection.id}`);
    expect(mail.text).toContain('Verify password');
    expect(mail.text).not.toContain('first password');
    expect(mailbox.mails.filter((m) => m.subject.includes("Connection 'Orders API'"))).toHaveLength(1);
  });

  it('sends one daily digest per person, once a day across processes', async () => {
    const before = mailbox.mails.length;
    const duties = server.server.platform.dailyDuties;
    // The server did today's round when it started (nothing had failed yet): pretend that was yesterday.
    await server.server.context.platform.values.set('daily:digest', '2000-01-01');
    await Promise.all([duties.tick(), duties.tick()]);
    await duties.tick();
    await settle();
    const digests = await eventually(async () => {
      const found = mailbox.mails.slice(before).filter((m) => m.subject.includes('failed run'));
      return found.length > 0 ? found : undefined;
    });
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('Flaky');
    expect((await alice.get('/api/v1/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'digest')).toHaveLength(1);
  });

  it('turns off a flow that has failed on every run for 14 days, with a notice', async () => {
    const { context, platform } = server.server;
    // Also on a schedule (hourly), which stops with it.
    const definition = { ...failingFlow(), triggers: { Hourly: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } } };
    const flow = (await alice.post('/api/v1/flows', { name: 'Always failing', definition })).body;
    const timersOf = async (flowId: string) => (await context.runStore.dueScheduleTimers(Date.now() + 2 * DAY, 500)).filter((timer) => timer.flowId === flowId);
    expect(await timersOf(flow.id)).toHaveLength(1);
    const version = (await context.flows.getFlow(flow.id))!.currentVersion;
    const now = Date.now();
    for (const age of [15, 7, 1]) {
      const run = await context.runStore.createRun({ flowId: flow.id, flowVersion: version, triggerName: 'Hourly', triggerOutputs: { headers: {}, body: null }, createdAt: now - age * DAY });
      await finishedRun(alice, run.id);
    }
    await context.platform.values.set(`flow-enabled-at:${flow.id}`, String(now - 20 * DAY));
    const healthy = (await alice.post('/api/v1/flows', { name: 'Mostly failing', definition: flakyFlow() })).body;
    await runFlow(healthy.id, { fail: false });

    const turnedOff = await platform.dailyDuties.turnOffFailingFlows(now);
    await settle();
    expect(turnedOff).toEqual([flow.id]);
    expect((await alice.get(`/api/v1/flows/${flow.id}`)).body.enabled).toBe(false);
    expect((await alice.get(`/api/v1/flows/${healthy.id}`)).body.enabled).toBe(true);
    expect(await timersOf(flow.id)).toEqual([]);
    const notice = (await alice.get('/api/v1/notifications')).body.items.find((n: { kind: string }) => n.kind === 'flow-turned-off');
    expect(notice).toMatchObject({ title: "Flow 'Always failing' was turned off", link: `/flows/${flow.id}` });
    await eventually(async () => mailbox.mails.find((m) => m.subject === "[Brook] Flow 'Always failing' was turned off"));
  });
});
