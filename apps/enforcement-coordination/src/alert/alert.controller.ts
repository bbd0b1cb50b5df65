import { Authorize, CurrentCaller, type Caller, actorOf } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FeedbackDto, ListAlertsQueryDto } from './alert.dto';
import { AlertHandlers } from './alert.handlers';

const seesAll = (caller: Caller) => caller.roles.includes('operator');

@ApiTags('alerts')
@Controller(`${API_V1}/alerts`)
export class AlertController {
  constructor(private readonly handlers: AlertHandlers) {}

  @Get()
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: "Alerts: an enforcer's own organisation's, every organisation's for the operator" })
  list(@Query() query: ListAlertsQueryDto, @CurrentCaller() caller: Caller) {
    const org = seesAll(caller) ? query.org : caller.principal.org;
    return this.handlers.list({ ...query, org, limit: query.limit ?? 100 });
  }

  @Get('sla')
  @Authorize('operator')
  @ApiOperation({ summary: 'Open, overdue and residual (unconfirmed release) alert counts per organisation' })
  sla() {
    return this.handlers.sla();
  }

  @Get(':id')
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: 'One alert' })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.handlers.get(id, { org: caller.principal.org, all: seesAll(caller) });
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Authorize('enforcer')
  @ApiOperation({ summary: 'Acknowledge an alert of your organisation (idempotent)' })
  acknowledge(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.handlers.acknowledge(id, actorOf(caller));
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Authorize('enforcer')
  @ApiOperation({ summary: 'Close an acknowledged alert with feedback; `applied` on a release alert confirms the release' })
  feedback(@Param('id') id: string, @Body() body: FeedbackDto, @CurrentCaller() caller: Caller) {
    return this.handlers.reportFeedback(id, body, actorOf(caller));
  }
}
