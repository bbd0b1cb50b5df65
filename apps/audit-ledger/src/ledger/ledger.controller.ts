// The audit ledger's routes (PRODUCT.md §4). Auditors read everything; nobody else reads entries or proofs (ADR
// 0007: a leaf is a whole integration event, with fields the sharing-class cut hides from other roles). The verifier
// key is public, like a JWKS: it is what lets anyone check a checkpoint.
import { Authorize } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { Public } from '@credit-share/observability';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CheckpointsQueryDto,
  CheckpointsView,
  CheckpointView,
  ConsistencyProofQueryDto,
  ConsistencyProofView,
  EntriesQueryDto,
  EntriesView,
  InclusionProofQueryDto,
  InclusionProofView,
  LedgerKeyView,
} from './ledger.dto';
import {
  GetConsistencyProofQuery,
  GetEntriesQuery,
  GetInclusionProofQuery,
  GetLatestCheckpointQuery,
  GetLedgerKeyQuery,
  ListCheckpointsQuery,
} from './ledger.handlers';
import { formatSignedNote } from './signed-note';

@ApiTags('audit')
@Controller(`${API_V1}/audit`)
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get('checkpoint')
  @Authorize('auditor')
  @ApiProduces('application/json', 'text/plain')
  @ApiOperation({
    summary: 'The latest signed checkpoint',
    description:
      'JSON by default; with `Accept: text/plain` the same signature as a C2SP signed note (c2sp.org/tlog-checkpoint), ' +
      'readable by transparency-log tooling.',
  })
  @ApiOkResponse({ type: CheckpointView })
  async checkpoint(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const checkpoint = await this.queries.execute(new GetLatestCheckpointQuery());
    if (request.accepts(['application/json', 'text/plain']) === 'text/plain') {
      response.type('text/plain; charset=utf-8');
      return formatSignedNote(checkpoint);
    }
    return checkpoint;
  }

  @Get('checkpoint/note')
  @Authorize('auditor')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'The latest signed checkpoint as a C2SP signed note, for tools that cannot set Accept' })
  async checkpointNote(@Res({ passthrough: true }) response: Response) {
    response.type('text/plain; charset=utf-8');
    return formatSignedNote(await this.queries.execute(new GetLatestCheckpointQuery()));
  }

  @Get('checkpoints')
  @Authorize('auditor')
  @ApiOperation({ summary: 'The checkpoint chain, oldest first, from `start`' })
  @ApiOkResponse({ type: CheckpointsView })
  checkpoints(@Query() query: CheckpointsQueryDto) {
    return this.queries.execute(new ListCheckpointsQuery(query.start, query.limit));
  }

  @Get('entries')
  @Authorize('auditor')
  @ApiOperation({ summary: 'Leaves [start, end), each as the base64 of its exact bytes' })
  @ApiOkResponse({ type: EntriesView })
  entries(@Query() query: EntriesQueryDto) {
    return this.queries.execute(new GetEntriesQuery(query.start, query.end));
  }

  @Get('proofs/inclusion')
  @Authorize('auditor')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of size `treeSize`' })
  @ApiOkResponse({ type: InclusionProofView })
  inclusionProof(@Query() query: InclusionProofQueryDto) {
    return this.queries.execute(new GetInclusionProofQuery(query.index, query.treeSize));
  }

  @Get('proofs/consistency')
  @Authorize('auditor')
  @ApiOperation({ summary: 'RFC 9162 consistency proof between the trees of sizes `from` and `to`' })
  @ApiOkResponse({ type: ConsistencyProofView })
  consistencyProof(@Query() query: ConsistencyProofQueryDto) {
    return this.queries.execute(new GetConsistencyProofQuery(query.from, query.to));
  }

  @Get('key')
  @Public()
  @ApiOperation({ summary: "The ledger's checkpoint verifier key (public)" })
  @ApiOkResponse({ type: LedgerKeyView })
  key() {
    return this.queries.execute(new GetLedgerKeyQuery());
  }
}
