import { useEffect, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { PlacedProblem } from './problem-positions';
import './editor.css';

export interface JsonEditorHandle {
  /** Selects a range and scrolls it into view, then focuses the editor. */
  goTo: (from: number, to: number) => void;
}

interface JsonEditorProps {
  value: string;
  onChange: (value: string) => void;
  problems: PlacedProblem[];
  label: string;
  describedBy?: string;
  handle?: { current: JsonEditorHandle | null };
}

/**
 * A JSON editor (CodeMirror 6) that draws problems where they are: underlined in the text
 * and marked in the gutter. Tab indents; Escape then Tab leaves the editor.
 */
export function JsonEditor({ value, onChange, problems, label, describedBy, handle }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const attributes: Record<string, string> = { 'aria-label': label };
    if (describedBy) attributes['aria-describedby'] = describedBy;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          json(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Made once on purpose: later value changes are applied below, keeping undo history.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const diagnostics: Diagnostic[] = problems
      .filter((problem) => problem.from <= length)
      .map((problem) => ({
        from: problem.from,
        to: Math.min(Math.max(problem.to, problem.from + 1), length),
        severity: 'error',
        message: problem.path ? `${problem.message} (${problem.path})` : problem.message,
        source: problem.code,
      }));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problems]);

  useEffect(() => {
    if (!handle) return;
    handle.current = {
      goTo(from, to) {
        const editor = view.current;
        if (!editor) return;
        const length = editor.state.doc.length;
        editor.dispatch({ selection: { anchor: Math.min(from, length), head: Math.min(to, length) }, effects: EditorView.scrollIntoView(Math.min(from, length), { y: 'center' }) });
        editor.focus();
      },
    };
    return () => {
      handle.current = null;
    };
  }, [handle]);

  return <div ref={host} className="json-editor" />;
}
