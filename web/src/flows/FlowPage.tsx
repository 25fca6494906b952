import { lazy, Suspense, useState } from 'react';
import { Link, NavLink, Route, Routes, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Download, EllipsisVertical, KeyRound, Play, Trash } from 'lucide-react';
import { errorMessage } from '../api/client';
import { flowKeys, flowsApi, useFlow } from '../api/flows';
import type { Flow } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { Menu } from '../ui/Menu';
import { Switch } from '../ui/Switch';
import { RunTable } from '../runs/RunTable';
import { OverviewTab } from './OverviewTab';
import './flows.css';

// The JSON editor is the heaviest part of the portal: it loads when the tab is opened.
const DefinitionTab = lazy(() => import('./DefinitionTab').then((module) => ({ default: module.DefinitionTab })));

export function FlowPage() {
  const { flowId = '' } = useParams();
  const flow = useFlow(flowId);
  if (flow.isPending) return <Loading label="Loading the flow…" />;
  if (flow.isError)
    return (
      <div className="page">
        <ErrorNotice title="This flow could not be opened." error={flow.error} onRetry={() => void flow.refetch()} />
      </div>
    );
  return <FlowView flow={flow.data} />;
}

function FlowView({ flow }: { flow: Flow }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [confirm, setConfirm] = useState<'delete' | 'regenerate' | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: flowKeys.all });
      if (done) setMessage({ tone: 'ok', text: done });
    } catch (caught) {
      setMessage({ tone: 'bad', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  const runNow = () =>
    act(async () => {
      const { runId } = await flowsApi.run(flow.id);
      void navigate(`/runs/${runId}`);
    });

  return (
    <div className="page">
      <div className="page-header">
        <div className="grow">
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <Link to="/flows">Flows</Link> <span aria-hidden>›</span>
          </nav>
          <title>{`${flow.name} · Brook`}</title>
          <h1>{flow.name}</h1>
          {flow.description && <p className="subtitle">{flow.description}</p>}
        </div>
        <div className="row">
          <Switch
            checked={flow.enabled}
            label={`${flow.name} is ${flow.enabled ? 'on' : 'off'}`}
            disabled={busy}
            onChange={(enabled) => void act(() => flowsApi.setEnabled(flow.id, enabled), enabled ? 'The flow is on: its triggers start runs.' : 'The flow is off: no new runs start; runs in progress finish.')}
          />
          <button type="button" className="button" disabled={busy} onClick={() => void runNow()}>
            <Play size={15} aria-hidden /> Run now
          </button>
          <Menu
            label="More actions"
            triggerClassName="button button-ghost"
            trigger={<EllipsisVertical size={18} aria-hidden />}
            entries={[
              { kind: 'action', label: 'Download the definition', icon: <Download size={16} aria-hidden />, onSelect: () => window.open(`/api/v1/flows/${encodeURIComponent(flow.id)}/export`, '_blank') },
              { kind: 'action', label: 'New trigger URL', icon: <KeyRound size={16} aria-hidden />, onSelect: () => setConfirm('regenerate') },
              { kind: 'separator' },
              { kind: 'action', label: 'Delete the flow', icon: <Trash size={16} aria-hidden />, onSelect: () => setConfirm('delete') },
            ]}
          />
        </div>
      </div>

      {message && (
        <Notice tone={message.tone} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </Notice>
      )}

      <nav className="tabs" aria-label="Flow sections">
        <NavLink to={`/flows/${flow.id}`} end>
          Overview
        </NavLink>
        <NavLink to={`/flows/${flow.id}/definition`}>Definition</NavLink>
        <NavLink to={`/flows/${flow.id}/runs`}>Run history</NavLink>
      </nav>

      <Routes>
        <Route index element={<OverviewTab flow={flow} />} />
        <Route
          path="definition"
          element={
            <Suspense fallback={<Loading label="Opening the editor…" />}>
              <DefinitionTab flow={flow} />
            </Suspense>
          }
        />
        <Route path="runs" element={<RunTable filter={{ flowId: flow.id }} showFlow={false} emptyText="This flow has not run yet." />} />
      </Routes>

      <Dialog
        open={confirm === 'delete'}
        onClose={() => setConfirm(null)}
        title={`Delete ${flow.name}?`}
        description="Its runs in progress are cancelled, and its trigger URL stops working. This cannot be undone."
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirm(null)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await flowsApi.remove(flow.id);
                  setConfirm(null);
                  void navigate('/flows');
                })
              }
            >
              Delete the flow
            </button>
          </>
        }
      />
      <Dialog
        open={confirm === 'regenerate'}
        onClose={() => setConfirm(null)}
        title="Make a new trigger URL?"
        description="The current URL stops working at once: callers using it get 401 until they use the new one."
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirm(null)}>
              Keep the current URL
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await flowsApi.regenerateKey(flow.id);
                  setConfirm(null);
                }, 'The flow has a new trigger URL.')
              }
            >
              Make a new URL
            </button>
          </>
        }
      >
        <p className="small muted">Use this when the URL was shared with someone who should no longer call it.</p>
      </Dialog>
    </div>
  );
}
