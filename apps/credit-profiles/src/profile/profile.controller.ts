import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessLogQueryDto, AnomalyQueryDto, NameSearchQueryDto, ProfileQueryDto, ReportQueryDto } from './profile.dto';
import { ProfileQueries } from './profile.handlers';

// Every role is admitted past the guard on the subject routes so that the access decision (profile-access.ts)
// sees every request and logs every denial; what each role may do is decided there, and denied by default.
@ApiTags('profiles')
@Controller(`${API_V1}/profiles`)
export class ProfileController {
  constructor(private readonly queries: ProfileQueries) {}

  @Get()
  @Authorize('regulator', 'operator')
  @ApiOperation({
    summary: 'Subjects whose name contains `name` (at least 2 characters): up to 20 {uscc, name}, identity only, no records',
  })
  @ApiOkResponse({ description: '[{uscc, name}]' })
  searchByName(@Query() query: NameSearchQueryDto) {
    return this.queries.searchByName(query.name);
  }

  @Get('access-anomalies')
  @Authorize('operator', 'auditor')
  @ApiOperation({ summary: 'Anomaly flags over the access log: many subjects per user, off-hours bulk queries' })
  anomalies(@Query() query: AnomalyQueryDto) {
    return this.queries.anomalies(query, query);
  }

  @Get('reports/:reportNumber')
  @Authorize('subject', 'auditor', 'regulator', 'provider', 'enforcer', 'operator')
  @ApiOperation({ summary: 'Verify a credit report: the hash the access log kept for its number (subject itself, auditors)' })
  verifyReport(@Param('reportNumber') reportNumber: string, @CurrentCaller() caller: Caller) {
    return this.queries.verifyReport(caller, reportNumber);
  }

  @Get(':uscc')
  @Authorize('regulator', 'subject', 'provider', 'enforcer', 'operator', 'auditor')
  @ApiOperation({
    summary: 'A credit profile for a stated purpose, cut by sharing class and role; asOf: as it stood at that instant',
  })
  @ApiOkResponse({ description: '{subject, asOf, records, history, grade, listings, measuresInForce, objections, repairs}' })
  async profile(
    @Param('uscc') uscc: string,
    @Query() query: ProfileQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, entryId } = await this.queries.profile(caller, uscc, query.purpose, query.asOf);
    res.setHeader('x-access-entry-id', entryId);
    return view;
  }

  @Get(':uscc/report')
  @Authorize('regulator', 'subject', 'provider', 'enforcer', 'operator', 'auditor')
  @ApiOperation({ summary: 'The credit report as PDF (standard section order, report number, verification hash)' })
  @ApiProduces('application/pdf')
  async report(
    @Param('uscc') uscc: string,
    @Query() query: ReportQueryDto,
    @CurrentCaller() caller: Caller,
    @Res() res: Response,
  ) {
    const report = await this.queries.report(caller, uscc, query.purpose);
    res
      .status(200)
      .setHeader('content-type', 'application/pdf')
      .setHeader('content-disposition', `attachment; filename="${report.reportNumber}.pdf"`)
      .setHeader('x-report-number', report.reportNumber)
      .setHeader('x-report-hash', report.hash)
      .setHeader('x-access-entry-id', report.entryId)
      .end(report.pdf);
  }

  @Get(':uscc/access-log')
  @Authorize('subject', 'auditor', 'regulator', 'provider', 'enforcer', 'operator')
  @ApiOperation({ summary: 'Who queried this subject, when and why: for the subject itself and for auditors' })
  async accessLog(
    @Param('uscc') uscc: string,
    @Query() query: AccessLogQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { entryId, ...log } = await this.queries.accessLog(caller, uscc, query.purpose, query);
    res.setHeader('x-access-entry-id', entryId);
    return log;
  }
}
