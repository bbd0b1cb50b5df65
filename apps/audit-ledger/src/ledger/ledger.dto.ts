import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_ENTRIES_PER_PAGE = 1_000;
export const MAX_CHECKPOINTS_PER_PAGE = 1_000;
const MAX_INDEX = Number.MAX_SAFE_INTEGER;

export class EntriesQueryDto {
  @ApiProperty({ description: 'First leaf index', example: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  start!: number;

  @ApiPropertyOptional({
    description: `End of the range, exclusive. At most ${MAX_ENTRIES_PER_PAGE} entries are returned per request; ask again from the last index + 1.`,
    example: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  end?: number;
}

export class CheckpointsQueryDto {
  @ApiPropertyOptional({ description: 'First checkpoint number (the chain is numbered from 1)', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INDEX)
  start?: number;

  @ApiPropertyOptional({
    description: `At most this many checkpoints (≤ ${MAX_CHECKPOINTS_PER_PAGE})`,
    default: MAX_CHECKPOINTS_PER_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CHECKPOINTS_PER_PAGE)
  limit?: number;
}

export class InclusionProofQueryDto {
  @ApiProperty({ description: 'Leaf index', example: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  index!: number;

  @ApiPropertyOptional({ description: 'Tree size of the signed checkpoint to prove against; the latest one by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INDEX)
  treeSize?: number;
}

export class ConsistencyProofQueryDto {
  @ApiProperty({ description: 'Tree size of the older checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  from!: number;

  @ApiProperty({ description: 'Tree size of the newer checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  to!: number;
}

export class CheckpointView {
  @ApiProperty({ description: 'Position in the checkpoint chain, from 1, without gaps' }) seq!: number;
  @ApiProperty({ description: 'Number of leaves' }) treeSize!: number;
  @ApiProperty({ description: 'RFC 9162 root hash, base64' }) rootHash!: string;
  @ApiProperty({ description: 'Signing time, RFC 3339 UTC with milliseconds (signed)' }) timestamp!: string;
  @ApiProperty({ description: 'C2SP key id `<key name>+<8 hex digits>`', example: 'credit-share.local/audit-ledger+1a2b3c4d' })
  keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature of the C2SP checkpoint note text, base64' }) signature!: string;
}

export class CheckpointsView {
  @ApiProperty({ type: CheckpointView, isArray: true }) checkpoints!: CheckpointView[];
}

export class EntryView {
  @ApiProperty() index!: number;
  @ApiProperty({ description: 'The exact leaf bytes, base64: RFC 8785 canonical JSON of the audit entry' }) leaf!: string;
}

export class EntriesView {
  @ApiProperty({ type: EntryView, isArray: true }) entries!: EntryView[];
}

export class InclusionProofView {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'RFC 9162 audit path, bottom-up, base64', type: String, isArray: true }) hashes!: string[];
}

export class ConsistencyProofView {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ description: 'RFC 9162 consistency proof, base64', type: String, isArray: true }) hashes!: string[];
}

export class LedgerKeyView {
  @ApiProperty({ description: 'Key name; also the origin line of every checkpoint note' }) name!: string;
  @ApiProperty({ description: 'C2SP key id, as in checkpoints' }) keyId!: string;
  @ApiProperty({
    description: 'Verifier key in the golang.org/x/mod/sumdb/note format `<name>+<key id>+<base64(0x01 ‖ Ed25519 public key)>`',
  })
  verifierKey!: string;
}
