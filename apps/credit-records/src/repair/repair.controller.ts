import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplyForRepairDto, DecideRepairDto, ListRepairsQueryDto, RepairView } from './repair.dto';
import { ApplyForRepairCommand, DecideRepairCommand, GetRepairQuery, ListRepairsQuery } from './repair.handlers';

@ApiTags('repairs')
@Controller(`${API_V1}/repairs`)
export class RepairController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Authorize('subject')
  @ApiOperation({
    summary:
      'Apply for credit repair of one of your records once its minimum period is served, with a credit commitment and evidence',
  })
  @ApiCreatedResponse({ type: RepairView })
  apply(@Body() body: ApplyForRepairDto, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new ApplyForRepairCommand(body, caller));
  }

  @Post(':id/decision')
  @HttpCode(200)
  // Regulators of a government department; the staff of an association or social organisation (no regulator role).
  @Authorize('regulator', 'provider')
  @ApiOperation({
    summary: "Decide a repair application (the record's provider department); approval ends the record's publicity",
  })
  @ApiOkResponse({ type: RepairView })
  decide(@Param('id') id: string, @Body() body: DecideRepairDto, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new DecideRepairCommand(id, body, caller));
  }

  @Get()
  @Authorize('operator', 'provider', 'regulator', 'subject')
  @ApiOperation({ summary: 'Repair applications the caller is a party to, with their decision and feedback deadlines' })
  @ApiOkResponse({ type: RepairView, isArray: true })
  list(@Query() filter: ListRepairsQueryDto, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ListRepairsQuery(filter, caller));
  }

  @Get(':id')
  @Authorize('operator', 'provider', 'regulator', 'subject')
  @ApiOperation({ summary: 'One repair application, to its parties' })
  @ApiOkResponse({ type: RepairView })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetRepairQuery(id, caller));
  }
}
