import type { Severity } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import type { RepairRow } from './repair.projection';

export class ApplyForRepairDto {
  @ApiProperty({ description: 'The record whose publicity should end', example: '0193a0c0-0000-7000-8000-000000000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId!: string;

  @ApiProperty({ description: 'The credit commitment (信用承诺书), in full', example: '本企业承诺依法诚信经营，自觉接受监督' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  commitment!: string;

  @ApiProperty({
    description: 'Evidence that the obligations are fulfilled: descriptions or URLs',
    example: ['罚款缴纳凭证 2026-001', 'https://example.org/rectification-report.pdf'],
    type: String,
    isArray: true,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2_000, { each: true })
  evidence!: string[];
}

export class DecideRepairDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  outcome!: 'approved' | 'rejected';

  @ApiProperty({ example: '已履行行政处罚决定，整改到位' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  reason!: string;
}

export class ListRepairsQueryDto {
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

  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';

  @ApiPropertyOptional({ description: 'Only applications whose decision deadline passed undecided (SLA breaches)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

class SubjectRefView {
  @ApiProperty() uscc!: string;
  @ApiProperty() name!: string;
}

class RepairDecisionView {
  @ApiProperty({ enum: ['approved', 'rejected'] }) outcome!: 'approved' | 'rejected';
  @ApiProperty() reason!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ description: 'Decided after the decision deadline (an SLA breach)' }) late!: boolean;
  @ApiProperty({ description: 'The applicant heard back within the feedback limit (10 working days by default)' })
  withinFeedbackLimit!: boolean;
}

export class RepairView {
  @ApiProperty() id!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty() providerOrg!: string;
  @ApiProperty({ type: SubjectRefView }) subject!: SubjectRefView;
  @ApiPropertyOptional({ enum: ['light', 'general', 'serious'], nullable: true }) severity!: Severity | null;
  @ApiProperty() commitment!: string;
  @ApiProperty({ type: String, isArray: true }) evidence!: string[];
  @ApiProperty() appliedAt!: string;
  @ApiProperty({ description: "Deadline of the provider's decision (3 working days by default)" }) dueAt!: string;
  @ApiProperty({ description: 'The applicant hears back by then in any case (10 working days by default)' })
  feedbackDueAt!: string;
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: 'pending' | 'approved' | 'rejected';
  @ApiProperty({ description: 'The decision deadline passed undecided: an SLA breach' }) overdue!: boolean;
  @ApiPropertyOptional({ type: RepairDecisionView }) decision?: RepairDecisionView;
}

export function repairView(row: RepairRow): RepairView {
  return {
    id: row.repair_id,
    recordId: row.record_id,
    providerOrg: row.provider_org,
    subject: { uscc: row.subject_uscc, name: row.subject_name },
    severity: row.severity,
    commitment: row.commitment,
    evidence: row.evidence,
    appliedAt: row.applied_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    feedbackDueAt: row.feedback_due_at.toISOString(),
    policyVersion: row.policy_version,
    status: row.status,
    overdue: row.overdue,
    ...(row.status === 'pending'
      ? {}
      : {
          decision: {
            outcome: row.status,
            reason: row.reason ?? '',
            decidedAt: row.decided_at!.toISOString(),
            decidedBy: row.decided_by_org ?? '',
            late: row.late ?? false,
            withinFeedbackLimit: row.decided_at!.getTime() <= row.feedback_due_at.getTime(),
          },
        }),
  };
}
