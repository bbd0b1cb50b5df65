import { actorOf, Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RegisterWebhookDto } from './webhook.dto';
import { WebhookHandlers } from './webhook.handlers';

class DeliveriesQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;
}

@ApiTags('webhooks')
@Controller(`${API_V1}/webhooks`)
export class WebhookController {
  constructor(private readonly handlers: WebhookHandlers) {}

  @Post()
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: "Register a URL for your organisation's alert feed, signed with HMAC-SHA256 over timestamp.body" })
  register(@Body() body: RegisterWebhookDto, @CurrentCaller() caller: Caller) {
    return this.handlers.register(body, actorOf(caller));
  }

  @Get()
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: "Your organisation's webhooks" })
  list(@CurrentCaller() caller: Caller) {
    return this.handlers.list(caller.principal.org);
  }

  @Get(':id/deliveries')
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: 'Deliveries of one of your webhooks with every attempt' })
  deliveries(@Param('id') id: string, @Query() query: DeliveriesQueryDto, @CurrentCaller() caller: Caller) {
    return this.handlers.deliveries(id, caller.principal.org, { afterSeq: query.afterSeq ?? 0, limit: query.limit ?? 100 });
  }
}
