import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { connectionKeys, connectionsApi, useConnectors } from '../api/connections';
import type { AuthType, Connection } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { authOptionsOf, authTypeLabel } from './auth-type';
import { CredentialFields, type CredentialValues } from './CredentialFields';

/** New connection: pick a connector, fill in what it needs; Brook verifies it at once. */
export function CreateConnectionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const connectors = useConnectors();
  const queryClient = useQueryClient();
  const [connectorId, setConnectorId] = useState('');
  const [authType, setAuthType] = useState<AuthType | null>(null);
  const [name, setName] = useState('');
  const [values, setValues] = useState<CredentialValues>({ parameters: {}, secrets: {} });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Connection | null>(null);
  const connector = connectors.data?.find((c) => c.id === connectorId);
  const options = connector ? authOptionsOf(connector) : [];
  const option = options.find((o) => o.authType === authType) ?? options[0];
  const fields = option?.parameters ?? [];
  const chosenAuth = option?.authType ?? connector?.authType;

  const close = () => {
    setConnectorId('');
    setAuthType(null);
    setName('');
    setValues({ parameters: {}, secrets: {} });
    setError(null);
    setCreated(null);
    onClose();
  };

  const withDefaults = (parameters: typeof fields, old: Record<string, string> = {}) => ({
    parameters: { ...Object.fromEntries(parameters.filter((p) => !p.secret && p.default !== undefined).map((p) => [p.name, String(p.default)])), ...old },
    secrets: {},
  });

  const choose = (id: string) => {
    setConnectorId(id);
    const chosen = connectors.data?.find((c) => c.id === id);
    const first = chosen ? authOptionsOf(chosen)[0] : undefined;
    setAuthType(first?.authType ?? null);
    setValues(withDefaults(first?.parameters ?? []));
    if (!name && chosen) setName(chosen.name);
  };

  const chooseAuth = (value: AuthType) => {
    setAuthType(value);
    // Keep what was typed into fields both schemes share (the base URL), drop the rest.
    const next = options.find((o) => o.authType === value)?.parameters ?? [];
    const kept = Object.fromEntries(Object.entries(values.parameters).filter(([key]) => next.some((p) => p.name === key && !p.secret)));
    setValues(withDefaults(next, kept));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    if (!connector) return;
    setBusy(true);
    setError(null);
    try {
      const parameters = Object.fromEntries(Object.entries(values.parameters).filter(([, v]) => v !== ''));
      const secrets = Object.fromEntries(Object.entries(values.secrets).filter(([, v]) => v !== ''));
      const connection = await connectionsApi.create({ name: name.trim(), connectorId: connector.id, ...(options.length > 1 && chosenAuth ? { authType: chosenAuth } : {}), parameters, secrets });
      await queryClient.invalidateQueries({ queryKey: connectionKeys.all });
      if (chosenAuth === 'oauth2AuthorizationCode') {
        const { authorizeUrl } = await connectionsApi.startOAuth(connection.id, `/settings/connections?focus=${encodeURIComponent(connection.id)}`);
        window.location.assign(authorizeUrl);
        return;
      }
      if (connection.status === 'connected') close();
      else setCreated(connection);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New connection"
      size="wide"
      footer={
        created ? (
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" form="create-connection-form" className="button button-primary" disabled={!connector} aria-disabled={busy}>
              {busy ? 'Creating…' : chosenAuth === 'oauth2AuthorizationCode' ? 'Create and sign in' : 'Create and verify'}
            </button>
          </>
        )
      }
    >
      {created ? (
        <Notice tone="warn" role="status">
          <strong>{created.name} was created, but it does not work yet.</strong>
          <span>{created.statusReason ?? 'The check against the service failed.'}</span>
          <span className="small">Fix it from its card with {created.fixAction === 'sign_in_again' ? 'Sign in again' : 'Verify password'}.</span>
        </Notice>
      ) : connectors.isPending ? (
        <Loading label="Loading connectors…" />
      ) : connectors.isError ? (
        <ErrorNotice error={connectors.error} onRetry={() => void connectors.refetch()} />
      ) : (
        <form id="create-connection-form" className="stack" onSubmit={(event) => void submit(event)}>
          {error !== null && <ErrorNotice title="The connection was not created." error={error} />}
          <div className="field">
            <label htmlFor="new-connection-connector">Connector</label>
            <select id="new-connection-connector" className="select" required value={connectorId} onChange={(e) => choose(e.target.value)}>
              <option value="" disabled>
                Choose the service…
              </option>
              {connectors.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {authOptionsOf(c).length === 1 ? ` (${authTypeLabel(c.authType)})` : ''}
                </option>
              ))}
            </select>
            {connector?.description && <span className="hint">{connector.description}</span>}
          </div>
          {connector && (
            <>
              <div className="field">
                <label htmlFor="new-connection-name">Connection name</label>
                <input id="new-connection-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} />
                <span className="hint">Flows and run pages show this name.</span>
              </div>
              {options.length > 1 && (
                <div className="field">
                  <label htmlFor="new-connection-auth">Authentication</label>
                  <select id="new-connection-auth" className="select" value={chosenAuth} onChange={(e) => chooseAuth(e.target.value as AuthType)}>
                    {options.map((o) => (
                      <option key={o.authType} value={o.authType}>
                        {authTypeLabel(o.authType)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <CredentialFields fields={fields} values={values} onChange={setValues} />
              {chosenAuth === 'oauth2AuthorizationCode' && <p className="small muted">After creating it, you sign in at the service and come back here.</p>}
            </>
          )}
        </form>
      )}
    </Dialog>
  );
}
