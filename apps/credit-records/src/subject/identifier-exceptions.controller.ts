import { actorOf, Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { recordsProjection } from '../record/record.projection';
import { AllowUsccExceptionDto } from './identifier-exceptions.dto';
import { IdentifierExceptionsReader } from './identifier-exceptions.repository';
import { IDENTIFIER_EXCEPTIONS_STREAM, type UsccExceptionAllowed } from './subject.events';
import { validateUscc } from './uscc';

/**
 * The operator's allow-list of legitimately issued codes that fail GB 32100 (PRODUCT.md §3.1): e.g. the pilot-era
 * Fujian codes 91350211M0000XUF46 issued before the standard. A code on the list is accepted and flagged
 * (`nonConformingIdentifier`); LENGTH and FORMAT failures can never be allow-listed.
 */
@ApiTags('subjects')
@Controller(`${API_V1}/identifier-exceptions`)
export class IdentifierExceptionsController {
  private readonly projection = recordsProjection();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly reader: IdentifierExceptionsReader,
  ) {}

  @Get()
  @Authorize('operator')
  @ApiOperation({ summary: 'The allow-list of legitimately issued non-conforming USCCs' })
  list() {
    return this.reader.list();
  }

  @Post()
  @Authorize('operator')
  @ApiOperation({ summary: 'Allow-list a legitimately issued USCC that fails GB 32100 (201; 200 when already listed)' })
  async allow(@Body() body: AllowUsccExceptionDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const result = validateUscc(body.uscc);
    if (result.ok) {
      throw DomainError.ruleViolated('IDENTIFIER.CONFORMING', `${result.uscc} passes GB 32100; it needs no exception`);
    }
    if (result.error.code === 'LENGTH' || result.error.code === 'FORMAT') {
      throw DomainError.validation('IDENTIFIER.INVALID', 'this cannot be a USCC at all', [
        { field: 'uscc', code: result.error.code, message: result.error.message },
      ]);
    }
    const existing = (await this.reader.list()).find((e) => e.uscc === result.uscc);
    if (existing) {
      res.status(200);
      return existing;
    }
    const event: UsccExceptionAllowed = {
      type: 'UsccExceptionAllowed',
      data: {
        uscc: result.uscc,
        reason: body.reason.trim(),
        source: body.source.trim(),
        addedBy: caller.principal.user,
        addedAt: this.runtime.clock.now().toISOString(),
      },
    };
    await this.runtime.db.transaction(async (tx) => {
      const { events } = await this.runtime.store.append(
        IDENTIFIER_EXCEPTIONS_STREAM,
        'any',
        [event],
        eventMetadata(actorOf(caller)),
        tx,
      );
      await this.projection.apply(events, tx);
    });
    this.runtime.store.notifyCommitted();
    this.reader.invalidate();
    res.status(201);
    return (await this.reader.list()).find((e) => e.uscc === result.uscc);
  }
}
