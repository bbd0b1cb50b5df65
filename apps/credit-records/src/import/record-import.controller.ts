// POST /api/v1/records/import (PRODUCT.md §4): a CSV or XLSX file of 双公示 rows, by a provider. The upload is spooled
// to a temporary file, checked as a whole, then submitted in chunks; the report (PRODUCT.md §4 shape, plus `total`)
// is streamed row by row as the chunks are stored, so neither the file nor the report is ever held in memory.
import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { SEVERITIES, type SubmissionRowReport } from '@credit-share/contracts';
import { Controller, HttpException, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RecordSubmissionService } from '../record/record-submission.service';
import { parseSeverity } from './column-mapping';
import { ImportFileError } from './import-file.error';
import { RECORD_IMPORT_SETTINGS, type RecordImportSettings } from './record-import.config';
import { IMPORT_CHUNK_ROWS, preflightImport, runImport } from './record-import';
import { spoolUpload, type SpooledUpload } from './upload-spool';

@ApiTags('records')
@Controller(`${API_V1}/records`)
export class RecordImportController {
  constructor(
    private readonly submissions: RecordSubmissionService,
    @Inject(RECORD_IMPORT_SETTINGS) private readonly settings: RecordImportSettings,
  ) {}

  @Post('import')
  @Authorize('provider')
  @ApiOperation({
    summary:
      'Import a CSV (UTF-8) or XLSX file whose header row names 双公示 field codes (CF_* penalties or XK_* licences, ' +
      'either schema generation); every row is accepted or rejected with field errors named by column code',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'CSV UTF-8 or XLSX; header row of 双公示 field codes' },
        severity: { type: 'string', enum: [...SEVERITIES], description: 'Severity of penalty rows that do not state one' },
      },
    },
  })
  @ApiOkResponse({ description: '{total, rows: [{row, status, recordId?, errors?}], accepted, rejected}; row = the file row' })
  async import(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Caller): Promise<void> {
    let upload: SpooledUpload | undefined;
    try {
      upload = await spoolUpload(request, { maxBytes: this.settings.maxFileBytes, fileField: 'file', fields: ['severity'] });
      const severityField = upload.fields['severity'];
      const severity = severityField === undefined || severityField.trim() === '' ? undefined : parseSeverity(severityField);
      if (severityField !== undefined && severityField.trim() !== '' && severity === undefined) {
        throw new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', 'the form has invalid fields', [
          { field: 'severity', code: 'INVALID', message: `severity is one of ${SEVERITIES.join(', ')}` },
        ]);
      }
      const file = { path: upload.path, filename: upload.filename, mimeType: upload.mimeType };
      const checked = await preflightImport(file);
      const provider = caller.organization ? { name: caller.organization.name, uscc: caller.organization.uscc } : undefined;

      // The status line goes out with the first stored chunk: a failure before it is still a proper problem response.
      let first = true;
      const totals = await runImport(
        file,
        checked.format,
        { severity, provider },
        (rows) => this.submissions.submitRows(rows, caller.principal),
        (row: SubmissionRowReport) => {
          if (first) response.status(200).type('application/json');
          const text = (first ? `{"total":${checked.rows},"rows":[` : ',') + JSON.stringify(row);
          first = false;
          return write(response, text);
        },
        IMPORT_CHUNK_ROWS,
      );
      response.end(`],"accepted":${totals.accepted},"rejected":${totals.rejected}}`);
    } catch (error) {
      if (error instanceof ImportFileError) {
        if (error.status === 413) response.setHeader('Connection', 'close');
        throw new HttpException(
          { code: error.code, message: error.message, ...(error.errors.length > 0 ? { errors: error.errors } : {}) },
          error.status,
        );
      }
      throw error;
    } finally {
      await upload?.dispose();
    }
  }
}

/** Writes with backpressure: a slow client slows the import instead of growing the response buffer. */
function write(response: Response, text: string): Promise<void> | void {
  if (response.write(text)) return;
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
