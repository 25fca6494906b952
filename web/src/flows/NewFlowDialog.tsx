import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { flowKeys, flowsApi } from '../api/flows';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/Feedback';
import { starterDefinition, type StarterTrigger } from './starter';

const TRIGGERS: { value: StarterTrigger; title: string; text: string }[] = [
  { value: 'request', title: 'When an HTTP request arrives', text: 'Brook gives the flow a URL; a call to it starts a run.' },
  { value: 'recurrence', title: 'On a schedule', text: 'Runs every hour to begin with; change it in the definition.' },
  { value: 'manual', title: 'By hand', text: 'Start it from the portal, the API or the brook command.' },
];

export function NewFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [trigger, setTrigger] = useState<StarterTrigger>('request');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    setBusy(true);
    setError(null);
    try {
      const flow = await flowsApi.create({ name: name.trim(), description: description.trim(), definition: starterDefinition(trigger) });
      await queryClient.invalidateQueries({ queryKey: flowKeys.all });
      onClose();
      setName('');
      setDescription('');
      void navigate(`/flows/${flow.id}/definition`);
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
      title="New flow"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-flow-form" className="button button-primary" disabled={!name.trim()} aria-disabled={busy}>
            {busy ? 'Creating…' : 'Create and edit'}
          </button>
        </>
      }
    >
      <form id="new-flow-form" className="stack" onSubmit={(event) => void submit(event)}>
        {error !== null && <ErrorNotice error={error} />}
        <div className="field">
          <label htmlFor="new-flow-name">Name</label>
          <input id="new-flow-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-flow-description">Description (optional)</label>
          <input id="new-flow-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label">Starts</legend>
          <div className="choice-list">
            {TRIGGERS.map((option) => (
              <label key={option.value} className="choice">
                <input type="radio" name="trigger" value={option.value} checked={trigger === option.value} onChange={() => setTrigger(option.value)} />
                <span>
                  <strong>{option.title}</strong>
                  <br />
                  <span className="small muted">{option.text}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
