import { type AlertOutcome } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const ALERT_OUTCOMES: readonly AlertOutcome[] = ['applied', 'not_applicable', 'deferred'];

export class FeedbackDto {
  @ApiProperty({ enum: ALERT_OUTCOMES, description: 'For a release alert, `applied` confirms the release' })
  @IsIn(ALERT_OUTCOMES)
  outcome!: AlertOutcome;

  @ApiProperty({ example: '已在政府采购系统中限制其投标资格' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  reason!: string;
}

export class ListAlertsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'closed', 'overdue'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'closed', 'overdue'])
  status?: string;

  @ApiPropertyOptional({ enum: ['apply', 'release'] })
  @IsOptional()
  @IsIn(['apply', 'release'])
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be an 18-character USCC' })
  uscc?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  listingId?: string;

  @ApiPropertyOptional({ description: "Operator only: one organisation's alerts" })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  org?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Continue after this alert id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;
}
