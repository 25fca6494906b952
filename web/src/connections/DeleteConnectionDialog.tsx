import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { connectionKeys, connectionsApi } from '../api/connections';
import type { Connection } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/Feedback';

export function DeleteConnectionDialog({ open, connection, onClose }: { open: boolean; connection: Connection; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await connectionsApi.remove(connection.id);
      onClose();
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
      title={`Delete ${connection.name}?`}
      description="Its secrets are erased. Flows that use it fail at the actions that need it, until you map them to another connection."
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
            {busy ? 'Deleting…' : 'Delete the connection'}
          </button>
        </>
      }
    >
      {error !== null && <ErrorNotice error={error} />}
    </Dialog>
  );
}
