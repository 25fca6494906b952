// Shared by the benchmarks: replace one section of docs/benchmarks.md with fresh results,
// stamped with the machine and the date.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.url)), '../../docs/benchmarks.md');

export function machineLine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(2)} at start`;
}

/** Writes `body` (markdown) under the heading `## title`, replacing what was there. */
export function writeSection(title, body) {
  const heading = `## ${title}`;
  const stamped = `${heading}\n\n_Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}._\n\n${body.trim()}\n`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nRun them with `npm run bench` (or `npm run bench -- NAME` for one). Each section below is rewritten by its benchmark.\n';
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${stamped}`;
  } else {
    const next = text.indexOf('\n## ', start + heading.length);
    text = text.slice(0, start) + stamped + (next === -1 ? '' : `\n${text.slice(next + 1)}`);
  }
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
