// The HTTP edge of joint supervision (PRODUCT.md §4). Roles per PRODUCT.md §1: the operator maintains the rule sets;
// regulators grade-query, propose and decide list entries (their own organisation's only) and plan inspections; a
// subject sees its own grade, waives its own statement window and declines its own red-list entry.
import { Authorize, CurrentCaller, type Caller, actorOf } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GradingService, gradeView } from './grading/grading.handlers';
import { InspectionPlanService } from './inspection/inspection-plan.handlers';
import { ListingService } from './listing/listing.handlers';
import {
  AdoptRuleSetDto,
  DecideListingDto,
  GradeQueryDto,
  ListingsQueryDto,
  ProposeListingDto,
  PublishPlanDto,
  RemoveListingDto,
  ReportResultDto,
  RuleSetVersionParam,
  SimulateRuleSetDto,
  listTypeParam,
  usccParam,
} from './supervision.dto';

/** Only a subject caller (no organisation role admitted here) is limited to its own USCC. */
function assertOwnSubject(caller: Caller, uscc: string): void {
  if (caller.roles.some((r) => r !== 'subject')) return;
  if (caller.principal.subject !== uscc) {
    throw DomainError.forbidden('SUBJECT.NOT_YOURS', 'a subject sees only its own grade and listings');
  }
}

function subjectUscc(caller: Caller): string {
  const uscc = caller.principal.subject;
  if (!uscc) throw DomainError.forbidden('SUBJECT.NOT_YOURS', 'only the subject itself may do this');
  return uscc;
}

@ApiTags('joint supervision')
@Controller(API_V1)
export class SupervisionController {
  constructor(
    private readonly grading: GradingService,
    private readonly listings: ListingService,
    private readonly plans: InspectionPlanService,
  ) {}

  @Get('subjects/:uscc/grade')
  @Authorize('regulator', 'operator', 'subject')
  @ApiOperation({ summary: 'Grade of a subject now or at a past instant (asOf), with its reasons and rule-set version' })
  async grade(@Param('uscc') raw: string, @Query() query: GradeQueryDto, @CurrentCaller() caller: Caller) {
    const uscc = usccParam(raw);
    assertOwnSubject(caller, uscc);
    return gradeView(await this.grading.gradeOf(uscc, query.asOf ? new Date(query.asOf) : undefined));
  }

  @Get('grading/rule-sets')
  @Authorize('operator', 'regulator', 'auditor')
  @ApiOperation({ summary: 'Every grading rule-set version with its effective date' })
  ruleSets() {
    return this.grading.listRuleSets();
  }

  @Post('grading/rule-sets')
  @Authorize('operator')
  @ApiOperation({ summary: 'Adopt a new rule-set version with an effective date (RuleSetAdopted)' })
  async adopt(@Body() body: AdoptRuleSetDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const { created, ruleSet } = await this.grading.adoptRuleSet(
      { rules: body.rules, effectiveFrom: new Date(body.effectiveFrom) },
      actorOf(caller),
      caller.organization?.uscc ?? caller.principal.org,
    );
    res.status(created ? 201 : 200);
    return ruleSet;
  }

  @Post('grading/rule-sets/:version/simulation')
  @HttpCode(200)
  @Authorize('operator')
  @ApiOperation({ summary: 'How many subjects, and which, would change grade under this version (or the draft rules sent)' })
  simulate(@Param() params: RuleSetVersionParam, @Body() body: SimulateRuleSetDto) {
    return this.grading.simulate(params.version, body?.rules, body?.asOf ? new Date(body.asOf) : undefined);
  }

  @Post('listings')
  @Authorize('regulator')
  @ApiOperation({ summary: 'Propose a list entry: the notice (告知) is issued and the statement window starts' })
  async propose(@Body() body: ProposeListingDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const { created, listing } = await this.listings.propose(body, actorOf(caller));
    res.status(created ? 201 : 200);
    return listing;
  }

  @Get('listings')
  @Authorize('regulator', 'operator', 'subject')
  @ApiOperation({
    summary: "Entries and proposals: a subject sees its own (notices included), a regulator its organisation's proposals",
  })
  searchListings(@Query() query: ListingsQueryDto, @CurrentCaller() caller: Caller) {
    const organizationRoles = caller.roles.filter((r) => r !== 'subject');
    if (organizationRoles.length === 0) {
      const own = subjectUscc(caller);
      if (query.uscc && query.uscc !== own) {
        throw DomainError.forbidden('SUBJECT.NOT_YOURS', 'a subject sees only its own grade and listings');
      }
      return this.listings.search({ uscc: own, status: query.status });
    }
    const proposedBy = organizationRoles.includes('operator') ? undefined : caller.principal.org;
    return this.listings.search({ uscc: query.uscc, status: query.status, proposedBy });
  }

  @Get('listings/:id')
  @Authorize('regulator', 'operator', 'subject')
  @ApiOperation({ summary: 'A list entry with its notice and due-process state' })
  async listing(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    const listing = await this.listings.view(id);
    if (caller.roles.includes('regulator') && !caller.roles.includes('operator') && listing.proposedBy !== caller.principal.org) {
      throw DomainError.forbidden('LISTING.NOT_PROPOSER', 'a regulator sees the listings its organisation proposed');
    }
    assertOwnSubject(caller, listing.uscc);
    return listing;
  }

  @Post('listings/:id/waiver')
  @HttpCode(200)
  @Authorize('subject')
  @ApiOperation({ summary: 'The subject waives its statement window' })
  async waive(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return (await this.listings.waive(id, subjectUscc(caller), actorOf(caller))).listing;
  }

  @Post('listings/:id/decision')
  @HttpCode(200)
  @Authorize('regulator')
  @ApiOperation({ summary: 'Decide a proposed entry: listed or not_listed, after the statement window (or its waiver)' })
  async decide(@Param('id') id: string, @Body() body: DecideListingDto, @CurrentCaller() caller: Caller) {
    return (await this.listings.decide(id, { ...body, decidedBy: caller.principal.org }, actorOf(caller))).listing;
  }

  @Post('listings/:id/removal')
  @HttpCode(200)
  @Authorize('regulator')
  @ApiOperation({ summary: 'Remove an entry by decision' })
  async remove(@Param('id') id: string, @Body() body: RemoveListingDto, @CurrentCaller() caller: Caller) {
    return (
      await this.listings.remove(id, { cause: 'decision', reason: body.reason, removedBy: caller.principal.org }, actorOf(caller))
    ).listing;
  }

  @Post('listings/:id/declination')
  @HttpCode(200)
  @Authorize('subject')
  @ApiOperation({ summary: 'The subject declines being shown on the red list' })
  async decline(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return (await this.listings.remove(id, { cause: 'declined', callerUscc: subjectUscc(caller) }, actorOf(caller))).listing;
  }

  @Get('lists/:listType')
  @Authorize('operator', 'regulator', 'enforcer', 'auditor')
  @ApiOperation({ summary: 'Entries in force on a list (serious_dishonesty or red)' })
  list(@Param('listType') listType: string) {
    return this.listings.list(listTypeParam(listType));
  }

  @Post('inspection-plans')
  @Authorize('regulator')
  @ApiOperation({ summary: 'Publish a 双随机 plan: subjects sampled by grade and inspectors drawn at random, from a seed' })
  publishPlan(@Body() body: PublishPlanDto, @CurrentCaller() caller: Caller) {
    return this.plans.publish(body, actorOf(caller), caller.organization!.uscc);
  }

  @Get('inspection-plans/:id')
  @Authorize('regulator', 'operator')
  @ApiOperation({ summary: 'A published plan with its seed, draw and results' })
  async plan(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    const plan = await this.plans.view(id);
    if (!caller.roles.includes('operator') && plan.organizer !== caller.principal.org) {
      throw DomainError.forbidden('PLAN.NOT_ORGANIZER', 'a regulator sees the plans of its own organisation');
    }
    return plan;
  }

  @Post('inspection-plans/:id/results')
  @Authorize('regulator')
  @ApiOperation({ summary: 'Report the result of one planned inspection (InspectionResultReported)' })
  async report(
    @Param('id') id: string,
    @Body() body: ReportResultDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, result } = await this.plans.report(id, body, actorOf(caller));
    res.status(created ? 201 : 200);
    return result;
  }
}
