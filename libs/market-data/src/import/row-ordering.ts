import { toIsoString } from './date-parsing';
import type { ImportProblem, ImportReport } from './import-report';
import type { RowBuffer } from './row-buffer';

export interface RowOrdering {
  sourceOrder: ImportReport['sourceOrder'];
  /** Row indexes to keep, in ascending time order; only the first `kept` entries are used. */
  keep: Int32Array;
  kept: number;
  /** One problem per dropped duplicate, sorted by line. */
  duplicateProblems: ImportProblem[];
}

/**
 * Sorts rows by time and drops repeated timestamps: of rows sharing a timestamp, the first in the file
 * is kept and the others become DUPLICATE_TIMESTAMP problems. Most files are already ascending or
 * strictly newest-first, so only the rest pays for a sort.
 */
export function orderAndDeduplicate(rows: RowBuffer): RowOrdering {
  const n = rows.length;
  const t = rows.time;
  let nonDecreasing = true;
  let nonIncreasing = true;
  for (let i = 1; i < n; i++) {
    const d = t[i] - t[i - 1];
    if (d < 0) nonDecreasing = false;
    else if (d > 0) nonIncreasing = false;
  }
  const sourceOrder = nonDecreasing ? 'ascending' : nonIncreasing ? 'descending' : 'unordered';
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = sourceOrder === 'descending' ? n - 1 - i : i;
  // Row indexes follow file order, so the index breaks ties by line.
  if (sourceOrder === 'unordered') order.sort((a, b) => t[a] - t[b] || a - b);

  const keep = new Int32Array(n);
  let kept = 0;
  const duplicateProblems: ImportProblem[] = [];
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && t[order[end]] === t[order[start]]) end++;
    let keeper = order[start];
    for (let k = start + 1; k < end; k++) if (order[k] < keeper) keeper = order[k];
    keep[kept++] = keeper;
    for (let k = start; k < end; k++) {
      if (order[k] === keeper) continue;
      const iso = toIsoString(t[keeper]);
      duplicateProblems.push({
        line: rows.line[order[k]],
        column: 'date',
        code: 'DUPLICATE_TIMESTAMP',
        message: `timestamp ${iso} already appears on line ${rows.line[keeper]}`,
        value: iso,
      });
    }
    start = end;
  }
  duplicateProblems.sort((a, b) => a.line - b.line);
  return { sourceOrder, keep, kept, duplicateProblems };
}
