import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { connectionKeys, connectionsApi, type VerifyResult } from '../api/connections';
import type { Connection, Connector } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Notice } from '../ui/Feedback';
import { CredentialFields, secretFields, type CredentialValues } from './CredentialFields';
import { fixLabel } from './fix-label';
import { brokenSentence, parametersFor } from './auth-type';

const empty: CredentialValues = { parameters: {}, secrets: {} };

/**
 * Verify password (or update credentials): the new secret is checked against the service
 * and kept only when it works, so a typo never breaks a connection that still worked.
 */
export function VerifyDialog({ connection, connector, onClose }: { connection: Connection | null; connector: Connector | undefined; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CredentialValues>(empty);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = connection !== null;
  // Kept after close: the card heading takes focus when the Verify password link is gone.
  const lastId = useRef<string | null>(null);
  const done = useRef<HTMLButtonElement>(null);
  if (connection) lastId.current = connection.id;
  const fallbackFocus = lastId.current ? `#connection-${CSS.escape(lastId.current)}-name` : undefined;

  useEffect(() => {
    if (!open) return;
    setValues(empty);
    setResult(null);
    setError(null);
  }, [open, connection?.id]);

  // The form that had the focus is gone once verified: the focus moves on to Done.
  const succeeded = result?.ok === true;
  useEffect(() => {
    if (succeeded) done.current?.focus();
  }, [succeeded]);

  if (!connection) return <Dialog open={false} onClose={onClose} title="" fallbackFocus={fallbackFocus} />;

  const secrets = secretFields(parametersFor(connector, connection.authType), connection.secretsSet);
  const user = connection.parameters.username ?? connection.parameters.userName ?? connection.parameters.user;
  const verified = succeeded;
  const title = `${fixLabel(connection.fixAction)}: ${connection.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await connectionsApi.verify(connection.id, { secrets: values.secrets });
      setResult(answer);
      queryClient.setQueryData<Connection[]>(connectionKeys.all, (old) => old?.map((c) => (c.id === answer.connection.id ? answer.connection : c)));
      await queryClient.invalidateQueries({ queryKey: connectionKeys.all });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      fallbackFocus={fallbackFocus}
      description={
        verified ? undefined : (
          <>
            Enter the new {secrets.length === 1 ? (secrets[0]?.label.toLowerCase() ?? 'secret') : 'credentials'}
            {typeof user === 'string' && user ? ` for ${user}` : ''}. Brook checks {secrets.length === 1 ? 'it' : 'them'} with {connection.connectorName} and keeps{' '}
            {secrets.length === 1 ? 'it' : 'them'} only if the service accepts {secrets.length === 1 ? 'it' : 'them'}.
          </>
        )
      }
      footer={
        verified ? (
          <button ref={done} type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form="verify-form" className="button button-primary" aria-disabled={busy}>
              {busy ? 'Verifying…' : 'Verify'}
            </button>
          </>
        )
      }
    >
      {verified ? (
        <Notice tone="ok" role="status">
          <strong>Verified. {connection.name} is connected.</strong>
          <span>{result.message}</span>
          {result.connection.broken.runs > 0 && (
            <span>
              {brokenSentence(result.connection.broken.runs, result.connection.broken.flows)}: resubmit {result.connection.broken.runs === 1 ? 'it' : 'them'} from the connection once
              this closes.
            </span>
          )}
        </Notice>
      ) : (
        <form id="verify-form" className="stack" onSubmit={(event) => void submit(event)}>
          {result && !result.ok && (
            <Notice tone="bad" role="alert">
              <strong>The service did not accept these credentials.</strong>
              <span>{result.message}</span>
              <span className="small">Nothing was changed. Check them and try again.</span>
            </Notice>
          )}
          {error !== null && <ErrorNotice title="The credentials could not be verified." error={error} />}
          {typeof user === 'string' && user && (
            <div className="field">
              <span className="label">User name</span>
              <span className="mono">{user}</span>
            </div>
          )}
          <CredentialFields fields={secrets} values={values} onChange={setValues} secretsSet={connection.secretsSet} />
        </form>
      )}
    </Dialog>
  );
}
