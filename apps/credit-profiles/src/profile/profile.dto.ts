import { QUERY_PURPOSES } from '@credit-share/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// `purpose` is checked by the access decision, not here: a query without a valid purpose is a denial that must be
// logged (PRODUCT.md §3.7), which a validation pipe would answer without logging.
export class ProfileQueryDto {
  @ApiPropertyOptional({
    enum: QUERY_PURPOSES,
    description: 'Why the profile is queried (required; a query without one is denied and logged)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  purpose?: string;

  @ApiPropertyOptional({
    description: 'The instant the profile is wanted for (ISO 8601); now when omitted',
    example: '2026-06-30T16:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: QUERY_PURPOSES, description: 'Why the report is requested (required)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  purpose?: string;
}

export class AccessLogQueryDto {
  @ApiPropertyOptional({
    enum: ['subject_self_service', 'audit'],
    description: 'subject_self_service for the enterprise itself, audit for auditors (the default for each)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  purpose?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only entries before this instant (paging back in time)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  before?: string;
}

export class AnomalyQueryDto {
  @ApiPropertyOptional({ description: 'Window start (ISO 8601); 24 hours before `to` when omitted' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO 8601); now when omitted' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Distinct subjects per user in the window that raise a flag', default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  subjects?: number;

  @ApiPropertyOptional({ description: 'Off-hours queries per user and day that raise a flag', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  offHours?: number;
}

export class NameSearchQueryDto {
  @ApiPropertyOptional({ description: "Part of a subject's name, at least 2 characters (required)", example: '示例科技' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}
