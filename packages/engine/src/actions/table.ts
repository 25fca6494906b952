// Table: `from` as a CSV or HTML table. Columns come from `columns` ({ header, value }
// with item() per row) or, when absent, from the keys of the first element.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, requireArray } from './inputs.js';
import { interpolated } from '../expressions/text.js';

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const tableAction: ActionHandler = {
  run(ctx) {
    const raw = (ctx.action.definition.inputs ?? {}) as { from?: unknown; format?: unknown; columns?: unknown };
    const format = String(ctx.evaluate(raw.format ?? '', 'format')).toUpperCase();
    if (format !== 'CSV' && format !== 'HTML') fail(ctx, `'format' must be "CSV" or "HTML"; got ${JSON.stringify(raw.format)}.`);
    const from = requireArray(ctx, ctx.evaluate(raw.from, 'from'), 'from', null);
    let headers: string[];
    let rows: string[][];
    if (Array.isArray(raw.columns)) {
      const columns = raw.columns as Array<{ header?: unknown; value?: unknown }>;
      headers = columns.map((c, i) => interpolated(c.header === undefined ? `Column${i + 1}` : ctx.evaluate(c.header, 'columns')));
      rows = from.map((item) => columns.map((c) => interpolated(ctx.evaluateWithItem(c.value, item, 'columns'))));
    } else {
      const first = from.find((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) as Record<string, unknown> | undefined;
      headers = first ? Object.keys(first) : [];
      rows = from.map((item) => headers.map((h) => interpolated(item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[h] : null)));
    }
    let body: string;
    if (format === 'CSV') {
      body = [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
    } else {
      const head = `<thead><tr>${headers.map((h) => `<th>${htmlText(h)}</th>`).join('')}</tr></thead>`;
      const bodyRows = rows.map((row) => `<tr>${row.map((cell) => `<td>${htmlText(cell)}</td>`).join('')}</tr>`).join('');
      body = `<table>${head}<tbody>${bodyRows}</tbody></table>`;
    }
    return succeeded({ from, format, columns: raw.columns ?? null }, { body });
  },
};
