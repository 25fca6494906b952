import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useJob } from '../api/runs';
import { ErrorNotice, Notice } from '../ui/Feedback';
import { ProgressBar } from '../ui/ProgressBar';
import { plural } from '../lib/format';

/** Follows a bulk resubmit or cancel job until it ends; refreshes runs and connections then. */
export function JobProgress({ jobId, onDismiss }: { jobId: string; onDismiss?: () => void }) {
  const job = useJob(jobId);
  const queryClient = useQueryClient();
  const announced = useRef(false);
  const finished = job.data?.status === 'succeeded' || job.data?.status === 'failed';

  useEffect(() => {
    if (!finished || announced.current) return;
    announced.current = true;
    void queryClient.invalidateQueries({ queryKey: ['runs'] });
    void queryClient.invalidateQueries({ queryKey: ['connections'] });
    void queryClient.invalidateQueries({ queryKey: ['flows'] });
  }, [finished, queryClient]);

  if (job.isError) return <ErrorNotice title="The progress of this job could not be read." error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;
  if (!data) return <ProgressBar value={0} max={1} label="Starting" />;

  const verb = data.kind === 'bulk-resubmit' ? 'resubmitted' : 'cancelled';
  const errors = data.results.filter((result) => result.error);
  const created = data.results.filter((result) => result.newRunId);
  return (
    <div className="job-progress stack-tight" aria-live="polite">
      {!finished ? (
        <>
          <div className="row-between small">
            <strong>
              {data.kind === 'bulk-resubmit' ? 'Resubmitting' : 'Cancelling'} {plural(data.total, 'run')}…
            </strong>
            <span className="muted">
              {data.done} of {data.total} done{data.failed ? `, ${data.failed} failed` : ''}
            </span>
          </div>
          <ProgressBar value={data.done} max={data.total} failed={data.failed} label={`${data.kind === 'bulk-resubmit' ? 'Resubmit' : 'Cancel'} progress`} />
        </>
      ) : (
        <Notice tone={data.failed > 0 || data.status === 'failed' ? 'warn' : 'ok'} role="status">
          <strong>
            {plural(data.done - data.failed, 'run')} {verb}
            {data.failed > 0 ? `, ${data.failed} could not be` : ''}.
          </strong>
          {created.length > 0 && (
            <span className="small">
              New runs:{' '}
              {created.slice(0, 8).map((result, index) => (
                <span key={result.newRunId}>
                  {index > 0 && ', '}
                  <Link to={`/runs/${result.newRunId}`}>{shortId(result.newRunId ?? '')}</Link>
                </span>
              ))}
              {created.length > 8 && ` and ${created.length - 8} more`}
            </span>
          )}
          {errors.length > 0 && (
            <ul className="problem-list small">
              {errors.slice(0, 5).map((result) => (
                <li key={result.runId}>
                  <Link to={`/runs/${result.runId}`}>{shortId(result.runId)}</Link>: {result.error}
                </li>
              ))}
            </ul>
          )}
          {onDismiss && (
            <span>
              <button type="button" className="link-button small" onClick={onDismiss}>
                Dismiss
              </button>
            </span>
          )}
        </Notice>
      )}
    </div>
  );
}

/** The end of an id: ids of one kind share their beginning (a prefix and a time), not their end. */
export function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-6)}` : id;
}
