import { AppException } from '@app/common';
import type { ImportReport } from './import/import-report';

/** 422 IMPORT_REJECTED: the file was not imported (nothing written); `details.problems` lists lines. */
export class ImportRejectedException extends AppException {
  constructor(readonly report: ImportReport) {
    const first = report.errors[0];
    const where = first ? ` (first: ${first.line > 0 ? `line ${first.line}: ` : ''}${first.message})` : '';
    super(422, 'IMPORT_REJECTED', `The file was rejected with ${report.errorCount} problem(s)${where}`, {
      problems: report.errors,
      errorCount: report.errorCount,
      report,
    });
  }
}

export const symbolNotFound = () => new AppException(404, 'SYMBOL_NOT_FOUND', 'Market data symbol not found');

export const timeframeUnavailable = (requested: string, native: string, reason: string) =>
  new AppException(422, 'TIMEFRAME_UNAVAILABLE', `Cannot serve ${requested} bars from ${native} data: ${reason}`, {
    requested,
    stored: native,
  });
