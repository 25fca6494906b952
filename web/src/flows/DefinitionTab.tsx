import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { CircleCheck, CircleX, LoaderCircle } from 'lucide-react';
import { ApiError } from '../api/client';
import { flowKeys, flowsApi } from '../api/flows';
import type { Flow, Problem, WorkflowDefinition } from '../api/types';
import { JsonEditor, type JsonEditorHandle } from '../editor/JsonEditor';
import { placeProblems, syntaxProblems, type PlacedProblem } from '../editor/problem-positions';
import { ErrorNotice, Notice } from '../ui/Feedback';
import { FlowGraph } from '../graph/FlowGraph';
import { plural } from '../lib/format';

const pretty = (definition: unknown) => JSON.stringify(definition, null, 2);

type Check = { state: 'idle' | 'checking' } | { state: 'checked'; problems: Problem[]; text: string } | { state: 'failed'; error: unknown };

/** The definition as JSON, checked as you type; problems sit on their lines before saving. */
export function DefinitionTab({ flow }: { flow: Flow }) {
  const saved = useMemo(() => pretty(flow.definition), [flow.definition]);
  const [text, setText] = useState(saved);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<'json' | 'graph'>('json');
  const editor = useRef<JsonEditorHandle | null>(null);
  const queryClient = useQueryClient();
  const dirty = text !== saved;

  useEffect(() => setText(saved), [saved]);

  const syntax = useMemo(() => syntaxProblems(text), [text]);
  const parsed = useMemo<WorkflowDefinition | null>(() => {
    if (syntax.length > 0) return null;
    try {
      return JSON.parse(text) as WorkflowDefinition;
    } catch {
      return null;
    }
  }, [text, syntax]);

  // Ask the server after a pause in typing; it knows every rule of the language.
  useEffect(() => {
    if (!parsed) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setCheck({ state: 'checking' });
      flowsApi
        .validate(parsed)
        .then((answer) => {
          if (!controller.signal.aborted) setCheck({ state: 'checked', problems: answer.problems, text });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setCheck({ state: 'failed', error });
        });
    }, 500);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [parsed, text]);

  const problems: PlacedProblem[] = useMemo(() => {
    if (syntax.length > 0) return syntax;
    const serverProblems = saveError instanceof ApiError && saveError.details.length > 0 ? saveError.details.map((d) => ({ path: d.path, message: d.message, code: d.code ?? saveError.code })) : [];
    const checked = check.state === 'checked' && check.text === text ? check.problems : [];
    return placeProblems(text, [...checked, ...serverProblems]).sort((a, b) => a.from - b.from);
  }, [syntax, check, text, saveError]);

  const save = async () => {
    if (!parsed) return;
    setSaving(true);
    setSaveError(null);
    setSavedVersion(null);
    try {
      const updated = await flowsApi.update(flow.id, { definition: parsed });
      queryClient.setQueryData(flowKeys.detail(flow.id), updated);
      await queryClient.invalidateQueries({ queryKey: flowKeys.all });
      setSavedVersion(updated.version);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setSaving(false);
    }
  };

  const blocked = syntax.length > 0 ? 'Fix the JSON syntax first.' : problems.length > 0 ? `Fix the ${plural(problems.length, 'problem')} first.` : null;
  const checking = check.state === 'checking' || (parsed !== null && !(check.state === 'checked' && check.text === text) && check.state !== 'failed');

  return (
    <div className="stack">
      <div className="row-between">
        <div className="row" role="status" aria-live="polite">
          {syntax.length > 0 ? (
            <span className="row tone-bad">
              <CircleX size={16} aria-hidden /> The JSON is not valid.
            </span>
          ) : checking ? (
            <span className="row muted">
              <LoaderCircle size={16} className="spin" aria-hidden /> Checking…
            </span>
          ) : problems.length > 0 ? (
            <span className="row tone-bad">
              <CircleX size={16} aria-hidden /> {plural(problems.length, 'problem')} to fix
            </span>
          ) : check.state === 'checked' ? (
            <span className="row tone-ok">
              <CircleCheck size={16} aria-hidden /> No problems found
            </span>
          ) : null}
        </div>
        <div className="row">
          <div className="segmented" role="group" aria-label="Show as">
            <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
              JSON
            </button>
            <button type="button" aria-pressed={view === 'graph'} onClick={() => setView('graph')}>
              Graph
            </button>
          </div>
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => setText(saved)}>
            Revert
          </button>
          <button type="button" className="button button-primary" disabled={!dirty || saving || blocked !== null || checking} aria-describedby={blocked ? 'save-blocked' : undefined} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      {blocked && dirty && (
        <p id="save-blocked" className="small muted">
          {blocked}
        </p>
      )}
      {savedVersion !== null && !dirty && (
        <Notice tone="ok" role="status">
          Saved as version {savedVersion}. New runs use it; resubmitted runs do too.
        </Notice>
      )}
      {saveError !== null && !(saveError instanceof ApiError && saveError.details.length > 0) && <ErrorNotice title="The definition was not saved." error={saveError} />}
      {check.state === 'failed' && <ErrorNotice title="The definition could not be checked." error={check.error} />}

      {problems.length > 0 && (
        <section className="problems-panel" aria-label="Problems">
          {problems.map((problem, index) => (
            <button key={`${problem.from}-${index}`} type="button" className="problem-item" onClick={() => editor.current?.goTo(problem.from, problem.to)}>
              <CircleX size={15} aria-hidden />
              <span className="problem-line">Line {problem.line}</span>
              <span className="grow">
                {problem.message}
                {problem.path && (
                  <>
                    {' '}
                    <code>{problem.path}</code>
                  </>
                )}
              </span>
            </button>
          ))}
        </section>
      )}

      {view === 'json' ? (
        <JsonEditor value={text} onChange={setText} problems={problems} label={`Definition of ${flow.name}, JSON`} handle={editor} />
      ) : parsed ? (
        <div className="card card-body">
          <FlowGraph definition={parsed} label={`Graph of the edited definition of ${flow.name}`} />
        </div>
      ) : (
        <Notice tone="warn">The graph needs valid JSON. Switch back to JSON to fix it.</Notice>
      )}
    </div>
  );
}
