import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError, type RecordSubmissionV1 } from '@credit-share/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RecordCommands } from './record.handlers';
import { DEFAULT_OWN_LIMIT, MAX_OWN_LIMIT, RecordQueries } from './record.queries';
import { MAX_BATCH_ROWS, RecordSubmissionService, type SubmissionRow } from './record-submission.service';
import { WithdrawRecordDto } from './record.dto';

@ApiTags('records')
@Controller(`${API_V1}/records`)
export class RecordController {
  constructor(
    private readonly submissions: RecordSubmissionService,
    private readonly commands: RecordCommands,
    private readonly queries: RecordQueries,
  ) {}

  @Post()
  @Authorize('provider')
  @ApiOperation({
    summary:
      'Submit one record (RecordSubmissionV1); 201 when created, 200 when the same provider + subject + decision document number exists',
  })
  @ApiBody({ schema: { type: 'object', description: 'RecordSubmissionV1 (libs/contracts records/submission.contract.ts)' } })
  async submit(@Body() body: unknown, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const { report, created } = await this.submissions.submit(
      [{ row: 1, submission: body as RecordSubmissionV1 }],
      caller.principal,
    );
    const row = report.rows[0]!;
    if (row.status === 'rejected') {
      throw DomainError.validation('RECORD.INVALID', 'the record has invalid fields', row.errors ?? []);
    }
    res.status(created.length > 0 ? 201 : 200);
    return this.queries.byId(row.recordId!, caller);
  }

  @Post('batch')
  @HttpCode(200)
  @Authorize('provider')
  @ApiOperation({ summary: `Submit up to ${MAX_BATCH_ROWS} records; every row is accepted or rejected with field errors` })
  @ApiBody({
    schema: { type: 'object', properties: { records: { type: 'array', maxItems: MAX_BATCH_ROWS, items: { type: 'object' } } } },
  })
  async batch(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    const records = Array.isArray(body) ? body : isObject(body) && Array.isArray(body['records']) ? body['records'] : undefined;
    if (records === undefined) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'a batch is {"records": [...]} or a JSON array of records', [
        { field: 'records', code: 'REQUIRED', message: 'records is a list of records' },
      ]);
    }
    if (isObject(body) && !Array.isArray(body)) {
      const extra = Object.keys(body).filter((k) => k !== 'records');
      if (extra.length > 0) {
        throw DomainError.validation(
          'REQUEST.VALIDATION_FAILED',
          'the request has invalid fields',
          extra.map((field) => ({ field, code: 'UNKNOWN_FIELD', message: `${field} is not a field of this request` })),
        );
      }
    }
    if (records.length === 0 || records.length > MAX_BATCH_ROWS) {
      throw DomainError.validation('RECORD.BATCH_SIZE', `a batch has 1 to ${MAX_BATCH_ROWS} records`, [
        {
          field: 'records',
          code: records.length === 0 ? 'REQUIRED' : 'TOO_MANY',
          message: `1 to ${MAX_BATCH_ROWS} records, got ${records.length}`,
        },
      ]);
    }
    const rows: SubmissionRow[] = records.map((submission, i) => ({ row: i + 1, submission: submission as RecordSubmissionV1 }));
    return this.submissions.submitRows(rows, caller.principal, caller.organization);
  }

  @Get()
  @Authorize('provider', 'regulator', 'operator', 'subject')
  @ApiOperation({
    summary:
      'Records about a subject as they stood at `asOf` (default now), cut by what the caller may see; without `subject` ' +
      "(provider, operator): the caller organisation's own records (operator: every record it may see), newest first, paged",
  })
  @ApiQuery({ name: 'subject', required: false, description: 'USCC; required for regulators and subjects' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO 8601 instant or date (CST midnight)' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `without subject: page size, 1 to ${MAX_OWN_LIMIT} (default ${DEFAULT_OWN_LIMIT})`,
  })
  @ApiQuery({
    name: 'offset',
    required: false,
    description: 'without subject: records to skip (the x-next-offset header of the previous page)',
  })
  async list(
    @Query('subject') subject: unknown,
    @Query('asOf') asOf: unknown,
    @Query('limit') limit: unknown,
    @Query('offset') offset: unknown,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (subject === undefined && caller.roles.some((role) => role === 'provider' || role === 'operator')) {
      const page = await this.queries.own(caller, {
        asOf: parseAsOf(asOf),
        limit: parseCount('limit', limit, DEFAULT_OWN_LIMIT, 1, MAX_OWN_LIMIT),
        offset: parseCount('offset', offset, 0, 0, 1_000_000),
      });
      if (page.nextOffset !== undefined) res.setHeader('x-next-offset', String(page.nextOffset));
      return page.records;
    }
    if (typeof subject !== 'string' || subject.trim() === '') {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'subject is required', [
        { field: 'subject', code: 'REQUIRED', message: 'subject (a USCC) is required' },
      ]);
    }
    return this.queries.bySubject(subject, caller, parseAsOf(asOf));
  }

  @Get(':id')
  @Authorize('provider', 'regulator', 'operator', 'subject')
  @ApiOperation({ summary: 'One record (PRODUCT.md §4 record shape) with its details, as it stood at `asOf` (default now)' })
  @ApiQuery({ name: 'asOf', required: false })
  byId(@Param('id') id: string, @Query('asOf') asOf: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.byId(id, caller, parseAsOf(asOf));
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Authorize('provider')
  @ApiOperation({ summary: 'Correct an own record: the whole corrected record plus `reason`; a new version, history kept' })
  @ApiBody({ schema: { type: 'object', description: 'RecordSubmissionV1 plus reason' } })
  @ApiOkResponse({ description: 'The record after the correction' })
  async correct(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() caller: Caller) {
    await this.commands.correct(id, body, caller.principal);
    return this.queries.byId(id, caller);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Authorize('provider')
  @ApiOperation({ summary: 'Withdraw an own record (the underlying act was revoked); reason required' })
  async withdraw(@Param('id') id: string, @Body() body: WithdrawRecordDto, @CurrentCaller() caller: Caller) {
    await this.commands.withdraw(id, body.reason, caller.principal);
    return this.queries.byId(id, caller);
  }
}

function parseAsOf(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+08:00`) : new Date(text);
  if (text === '' || !/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'asOf must be an ISO 8601 instant or date', [
      { field: 'asOf', code: 'FORMAT', message: 'asOf is an ISO 8601 instant (2026-03-01T12:00:00+08:00) or a date' },
    ]);
  }
  return date;
}

function parseCount(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const text = typeof value === 'string' ? value.trim() : '';
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', `${field} must be an integer from ${min} to ${max}`, [
      { field, code: 'RANGE', message: `${field} is an integer from ${min} to ${max}` },
    ]);
  }
  return n;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
