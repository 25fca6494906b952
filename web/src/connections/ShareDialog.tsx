import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { connectionKeys, connectionsApi, useDirectory } from '../api/connections';
import type { Connection } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/Feedback';

/** Share a connection: others may use it in their flows, never see or change its secrets. */
export function ShareDialog({ open, connection, onClose }: { open: boolean; connection: Connection; onClose: () => void }) {
  const directory = useDirectory(open);
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sharedIds = new Set([connection.owner.id, ...connection.sharedWith.map((p) => p.id)]);
  const candidates = directory.data?.filter((person) => !sharedIds.has(person.id)) ?? [];

  const change = async (work: () => Promise<Connection>) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await work();
      queryClient.setQueryData<Connection[]>(connectionKeys.all, (old) => old?.map((c) => (c.id === updated.id ? updated : c)));
      setUserId('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Share ${connection.name}`} description="People you share it with can use it in their flows. They never see its secrets and cannot change them." footer={<button type="button" className="button" onClick={onClose}>Done</button>}>
      {error !== null && <ErrorNotice error={error} />}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (userId) void change(() => connectionsApi.share(connection.id, userId));
        }}
      >
        <div className="field grow">
          <label htmlFor="share-user">Person</label>
          <select id="share-user" className="select" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{directory.isPending ? 'Loading…' : candidates.length === 0 ? 'Nobody else to share with' : 'Choose a person…'}</option>
            {candidates.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" style={{ alignSelf: 'flex-end' }} disabled={!userId || busy}>
          Share
        </button>
      </form>
      <div className="stack-tight">
        <h3>Who can use it</h3>
        <ul className="plain-list">
          <li>
            {connection.owner.name} <span className="muted small">(owner)</span>
          </li>
          {connection.sharedWith.map((person) => (
            <li key={person.id} className="row-between">
              <span>{person.name}</span>
              <button type="button" className="button button-ghost button-small" disabled={busy} aria-label={`Stop sharing with ${person.name}`} onClick={() => void change(() => connectionsApi.unshare(connection.id, person.id))}>
                <X size={15} aria-hidden /> Remove
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
