import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CheckHandlers } from './check.handlers';

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

@ApiTags('checks')
@Controller(`${API_V1}/checks`)
export class CheckController {
  constructor(private readonly handlers: CheckHandlers) {}

  @Get(':uscc')
  @Authorize('enforcer', 'regulator')
  @ApiOperation({ summary: 'Embedded check: measures in force against a subject and why; logged (CheckLogged), fail-closed' })
  @ApiQuery({
    name: 'purpose',
    required: true,
    description: 'Purpose of use; no purpose, no answer (400, and the denial is logged)',
  })
  check(@Param('uscc') raw: string, @Query('purpose') purpose: string | string[] | undefined, @CurrentCaller() caller: Caller) {
    const uscc = raw.trim().toUpperCase();
    if (!USCC.test(uscc)) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'not a USCC', [
        { field: 'uscc', code: 'FORMAT', message: '18 characters over 0-9 and A-Y without I, O, S, V, Z' },
      ]);
    }
    if (Array.isArray(purpose)) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'one purpose per check', [
        { field: 'purpose', code: 'REPEATED', message: 'state exactly one purpose' },
      ]);
    }
    return this.handlers.check(uscc, purpose, { user: caller.principal.user, org: caller.principal.org, roles: caller.roles });
  }
}
