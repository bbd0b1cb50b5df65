import { actorOf, Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangeOrganizationPermissionsDto, OrganizationView, RegisterOrganizationDto } from './organization.dto';
import {
  ChangeOrganizationPermissionsCommand,
  ListOrganizationsQuery,
  RegisterOrganizationCommand,
} from './organization.handlers';

@ApiTags('organizations')
@Controller(`${API_V1}/organizations`)
export class OrganizationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Authorize('operator')
  @ApiOperation({ summary: 'Register an organisation with what it may submit and see (idempotent for identical bodies)' })
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiOkResponse({ type: OrganizationView, description: 'Already registered with exactly this body' })
  async register(
    @Body() body: RegisterOrganizationDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { organization, created } = await this.commands.execute(new RegisterOrganizationCommand(body, actorOf(caller)));
    res.status(created ? 201 : 200);
    return organization;
  }

  @Get()
  @Authorize('operator', 'auditor')
  @ApiOperation({ summary: 'List the organisation directory' })
  @ApiOkResponse({ type: OrganizationView, isArray: true })
  list() {
    return this.queries.execute(new ListOrganizationsQuery());
  }

  @Put(':id/permissions')
  @HttpCode(200)
  @Authorize('operator')
  @ApiOperation({ summary: 'Change the catalogue items an organisation may submit and the sharing classes it may see' })
  @ApiOkResponse({ type: OrganizationView })
  changePermissions(@Param('id') id: string, @Body() body: ChangeOrganizationPermissionsDto, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new ChangeOrganizationPermissionsCommand({ id, ...body }, actorOf(caller)));
  }
}
