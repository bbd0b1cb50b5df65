import { OBJECTION_GROUNDS, type ObjectionGround } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { ObjectionRow } from './objection.projection';

export class FileObjectionDto {
  @ApiProperty({ description: 'The disputed record', example: '0193a0c0-0000-7000-8000-000000000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId!: string;

  @ApiProperty({ enum: OBJECTION_GROUNDS })
  @IsIn(OBJECTION_GROUNDS)
  ground!: ObjectionGround;

  @ApiProperty({ description: "The subject's statement of what is wrong", example: '罚款已缴纳，处罚决定已撤销' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000)
  statement!: string;
}

export class DecideObjectionDto {
  @ApiProperty({ enum: ['upheld', 'rejected'] })
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';

  @ApiPropertyOptional({ enum: ['corrected', 'withdrawn'], description: 'Required when upheld: what happens to the record' })
  @ValidateIf((d: DecideObjectionDto) => d.outcome === 'upheld' || d.resolution !== undefined)
  @IsIn(['corrected', 'withdrawn'])
  resolution?: 'corrected' | 'withdrawn';

  @ApiProperty({ description: 'Reasons of the decision', example: '经核查，处罚决定已于2026年3月1日撤销' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  reason!: string;

  @ApiPropertyOptional({
    description:
      'For resolution `corrected`: the corrected record, in the shape of POST /records (RecordSubmissionV1); the subject, ' +
      'kind and decision document number stay as they are',
    type: 'object',
    additionalProperties: true,
  })
  @ValidateIf((d: DecideObjectionDto) => d.resolution === 'corrected' || d.correction !== undefined)
  @IsObject()
  correction?: Record<string, unknown>;
}

export class ListObjectionsQueryDto {
  @ApiPropertyOptional({ description: "Subject's USCC" })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be an 18-character USCC' })
  uscc?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recordId?: string;

  @ApiPropertyOptional({ description: 'Provider organisation (operator only; others see their own)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  providerOrg?: string;

  @ApiPropertyOptional({ enum: ['pending', 'upheld', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'upheld', 'rejected'])
  status?: 'pending' | 'upheld' | 'rejected';

  @ApiPropertyOptional({ description: 'Only objections past their deadline without a timely decision' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

class SubjectRefView {
  @ApiProperty() uscc!: string;
  @ApiProperty() name!: string;
}

class ObjectionDecisionView {
  @ApiProperty({ enum: ['upheld', 'rejected'] }) outcome!: 'upheld' | 'rejected';
  @ApiPropertyOptional({ enum: ['corrected', 'withdrawn'] }) resolution?: 'corrected' | 'withdrawn';
  @ApiProperty() reason!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ description: 'Decided after the deadline' }) late!: boolean;
}

export class ObjectionView {
  @ApiProperty() id!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty({ description: 'Version of the record the objection was filed against' }) recordVersion!: number;
  @ApiProperty() providerOrg!: string;
  @ApiProperty({ type: SubjectRefView }) subject!: SubjectRefView;
  @ApiProperty({ enum: OBJECTION_GROUNDS }) ground!: ObjectionGround;
  @ApiProperty() statement!: string;
  @ApiProperty({ enum: ['subject', 'operator'] }) filedBy!: 'subject' | 'operator';
  @ApiProperty() filedAt!: string;
  @ApiProperty({ description: "Deadline of the provider's decision (working days)" }) dueAt!: string;
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ enum: ['pending', 'upheld', 'rejected'] }) status!: 'pending' | 'upheld' | 'rejected';
  @ApiProperty({ description: 'The deadline passed without a decision (ObjectionOverdue was raised)' }) overdue!: boolean;
  @ApiPropertyOptional({ type: ObjectionDecisionView }) decision?: ObjectionDecisionView;
}

export function objectionView(row: ObjectionRow): ObjectionView {
  return {
    id: row.objection_id,
    recordId: row.record_id,
    recordVersion: row.record_version,
    providerOrg: row.provider_org,
    subject: { uscc: row.subject_uscc, name: row.subject_name },
    ground: row.ground,
    statement: row.statement,
    filedBy: row.filed_by,
    filedAt: row.filed_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    policyVersion: row.policy_version,
    status: row.status,
    overdue: row.overdue,
    ...(row.status === 'pending'
      ? {}
      : {
          decision: {
            outcome: row.status,
            ...(row.resolution ? { resolution: row.resolution } : {}),
            reason: row.reason ?? '',
            decidedAt: row.decided_at!.toISOString(),
            decidedBy: row.decided_by_org ?? '',
            late: row.late ?? false,
          },
        }),
  };
}
