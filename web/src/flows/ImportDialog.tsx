import { useState, type DragEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { FileUp } from 'lucide-react';
import { ApiError } from '../api/client';
import { flowKeys, flowsApi } from '../api/flows';
import type { Flow, Problem } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Notice } from '../ui/Feedback';

const MAX_BYTES = 20 * 1024 * 1024;

async function readForImport(file: File): Promise<{ fileName: string; content: string; encoding?: 'base64' }> {
  if (/\.zip$/i.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    const chunk = 0x8000;
    for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
    return { fileName: file.name, content: btoa(binary), encoding: 'base64' };
  }
  return { fileName: file.name, content: await file.text() };
}

/** Import a WDL definition (.json) or a Power Automate export package (.zip). */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<{ flow: Flow; warnings: Problem[] } | null>(null);
  const [over, setOver] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const reset = () => {
    setFile(null);
    setError(null);
    setImported(null);
    setBusy(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = async () => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(new Error(`${file.name} is larger than 20 MB. Export the flow alone, without other solution parts.`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await flowsApi.importFile(await readForImport(file));
      await queryClient.invalidateQueries({ queryKey: flowKeys.all });
      if (answer.warnings.length === 0) {
        close();
        void navigate(`/flows/${answer.flow.id}`);
      } else {
        setImported(answer);
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };

  const footer = imported ? (
    <button
      type="button"
      className="button button-primary"
      onClick={() => {
        const id = imported.flow.id;
        close();
        void navigate(`/flows/${id}`);
      }}
    >
      Open {imported.flow.name}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
      <button type="button" className="button button-primary" disabled={!file || busy} onClick={() => void submit()}>
        {busy ? 'Importing…' : 'Import'}
      </button>
    </>
  );

  return (
    <Dialog open={open} onClose={close} title="Import a flow" description="A definition file (.json) or a Power Automate export package (.zip)." footer={footer}>
      {imported ? (
        <Notice tone="warn" role="status">
          <strong>{imported.flow.name} was imported, with {imported.warnings.length === 1 ? 'one thing' : `${imported.warnings.length} things`} to check:</strong>
          <ProblemList problems={imported.warnings} />
        </Notice>
      ) : (
        <>
          <div
            className="file-drop"
            data-over={over}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <FileUp size={26} aria-hidden />
            <label htmlFor="import-file" className="button">
              Choose a file
            </label>
            <input
              id="import-file"
              className="visually-hidden"
              type="file"
              accept=".json,.zip,application/json,application/zip"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            <span className="small">{file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : 'or drop it here'}</span>
          </div>
          {error !== null && (
            <div className="stack-tight">
              <ErrorNotice title={`${file?.name ?? 'The file'} could not be imported.`} error={error} />
              {error instanceof ApiError && error.details.length > 0 && <ProblemList problems={error.details} />}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

export function ProblemList({ problems }: { problems: { path: string; message: string }[] }) {
  return (
    <ul className="problem-list small">
      {problems.map((problem, index) => (
        <li key={`${problem.path}-${index}`}>
          {problem.path && <code>{problem.path}</code>} {problem.message}
        </li>
      ))}
    </ul>
  );
}
