import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecideObjectionDto, FileObjectionDto, ListObjectionsQueryDto, ObjectionView } from './objection.dto';
import { DecideObjectionCommand, FileObjectionCommand, GetObjectionQuery, ListObjectionsQuery } from './objection.handlers';

@ApiTags('objections')
@Controller(`${API_V1}/objections`)
export class ObjectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Authorize('subject', 'operator')
  @ApiOperation({
    summary: 'File an objection against a record (the subject, or the operator on its behalf); the record is disputed at once',
  })
  @ApiCreatedResponse({ type: ObjectionView })
  file(@Body() body: FileObjectionDto, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new FileObjectionCommand(body, caller));
  }

  @Post(':id/decision')
  @HttpCode(200)
  // Regulators of a government department; the staff of an association or social organisation (no regulator role).
  @Authorize('regulator', 'provider')
  @ApiOperation({
    summary:
      "Decide an objection (the record's provider department): upheld (record corrected or withdrawn) or rejected, with reasons",
  })
  @ApiOkResponse({ type: ObjectionView })
  decide(@Param('id') id: string, @Body() body: DecideObjectionDto, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new DecideObjectionCommand(id, body, caller));
  }

  @Get()
  @Authorize('operator', 'provider', 'regulator', 'subject')
  @ApiOperation({
    summary:
      "Objections the caller is a party to: its organisation's records (provider, regulator), its own (subject), all (operator)",
  })
  @ApiOkResponse({ type: ObjectionView, isArray: true })
  list(@Query() filter: ListObjectionsQueryDto, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ListObjectionsQuery(filter, caller));
  }

  @Get(':id')
  @Authorize('operator', 'provider', 'regulator', 'subject')
  @ApiOperation({ summary: 'One objection, to its parties' })
  @ApiOkResponse({ type: ObjectionView })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetObjectionQuery(id, caller));
  }
}
