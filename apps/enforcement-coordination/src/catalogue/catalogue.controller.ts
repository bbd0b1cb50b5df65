import { Authorize, CurrentCaller, type Caller, actorOf } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdoptMemorandumDto, ListMeasuresQueryDto, ListMemorandaQueryDto, RegisterMeasureDto } from './catalogue.dto';
import { CatalogueHandlers } from './catalogue.handlers';

@ApiTags('measures')
@Controller(API_V1)
export class CatalogueController {
  constructor(private readonly handlers: CatalogueHandlers) {}

  @Post('measures')
  @Authorize('operator')
  @ApiOperation({ summary: 'Register a measure, or a new version of one (201); the identical body again is 200' })
  async registerMeasure(
    @Body() body: RegisterMeasureDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, ...rest } = body;
    const { measure, created } = await this.handlers.registerMeasure({ ...rest, measureId: id }, actorOf(caller));
    res.status(created ? 201 : 200);
    return measure;
  }

  @Get('measures')
  @Authorize('operator', 'enforcer', 'regulator')
  @ApiOperation({ summary: 'The measures catalogue (latest version of each measure)' })
  listMeasures(@Query() query: ListMeasuresQueryDto) {
    return this.handlers.measures(query);
  }

  @Post('memoranda')
  @Authorize('operator')
  @ApiOperation({ summary: 'Adopt a memorandum (list type → measures), or a new version of one' })
  async adoptMemorandum(
    @Body() body: AdoptMemorandumDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, ...rest } = body;
    const { memorandum, created } = await this.handlers.adoptMemorandum(
      { ...rest, memorandumId: id, adoptedByUscc: caller.organization!.uscc },
      actorOf(caller),
    );
    res.status(created ? 201 : 200);
    return memorandum;
  }

  @Get('memoranda')
  @Authorize('operator', 'enforcer', 'regulator')
  @ApiOperation({ summary: 'The memoranda in force' })
  listMemoranda(@Query() query: ListMemorandaQueryDto) {
    return this.handlers.memoranda(query);
  }
}
