import { actorOf, Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { executeCommand } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CATALOGUE_STREAM, catalogueAggregate, decidePublish, versionInForce, type PublishCatalogue } from './catalogue';
import { CatalogueReader } from './catalogue.repository';

@ApiTags('catalogue')
@Controller(`${API_V1}/catalogue`)
export class CatalogueController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly reader: CatalogueReader,
  ) {}

  @Get()
  @Authorize('operator', 'provider', 'regulator', 'enforcer', 'subject', 'auditor')
  @ApiOperation({ summary: 'The catalogue version in force (or `version`), with the list of all versions' })
  @ApiQuery({ name: 'version', required: false })
  async get(@Query('version') version?: string) {
    const state = await this.reader.state();
    const versions = state.versions.map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      publishedAt: v.publishedAt,
      note: v.note,
    }));
    let chosen = versionInForce(state, this.runtime.clock.now());
    if (version !== undefined) {
      const found = /^\d{1,6}$/.test(version) ? state.versions.find((v) => v.version === Number(version)) : undefined;
      if (!found) throw DomainError.notFound('CATALOGUE.VERSION_NOT_FOUND', `catalogue version "${version}" does not exist`);
      chosen = found;
    }
    return { ...chosen, versions };
  }

  @Post()
  @Authorize('operator')
  @ApiOperation({ summary: 'Publish a new catalogue version (the whole list of items, with an effective date)' })
  @ApiBody({ schema: { type: 'object', required: ['effectiveFrom', 'items'] } })
  async publish(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw DomainError.validation('CATALOGUE.INVALID', 'a catalogue version is a JSON object', [
        { field: '', code: 'TYPE', message: 'send {effectiveFrom, note?, items: [...]}' },
      ]);
    }
    const { effectiveFrom, note, items, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0 || (note !== undefined && typeof note !== 'string')) {
      throw DomainError.validation('CATALOGUE.INVALID', 'the catalogue version has invalid fields', [
        ...unknown.map((field) => ({ field, code: 'UNKNOWN_FIELD', message: `${field} is not a field of a catalogue version` })),
        ...(note !== undefined && typeof note !== 'string' ? [{ field: 'note', code: 'TYPE', message: 'note is a string' }] : []),
      ]);
    }
    const command = { effectiveFrom, note, items } as PublishCatalogue;
    const outcome = await executeCommand({
      store: this.runtime.store,
      db: this.runtime.db,
      streamId: CATALOGUE_STREAM,
      aggregate: catalogueAggregate,
      decide: (state) => decidePublish(command, state, this.runtime.clock.now()),
      metadata: eventMetadata(actorOf(caller)),
    });
    this.reader.invalidate();
    const latest = outcome.state.versions[outcome.state.versions.length - 1]!;
    return latest;
  }
}
