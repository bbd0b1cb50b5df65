import { DomainError, LIST_TYPES, type ListType } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** A USCC from the path, normalised (trim, upper case, no spaces) as PRODUCT.md §3.1 asks. */
export function usccParam(value: string, field = 'uscc'): string {
  const uscc = value.replace(/\s+/g, '').toUpperCase();
  if (!USCC_PATTERN.test(uscc)) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'the request has invalid fields', [
      { field, code: 'FORMAT', message: 'a USCC is 18 characters of 0-9 and A-Y without I, O, S, V, Z' },
    ]);
  }
  return uscc;
}

export function listTypeParam(value: string): ListType {
  if (!(LIST_TYPES as readonly string[]).includes(value)) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'the request has invalid fields', [
      { field: 'listType', code: 'IS_IN', message: `listType must be one of ${LIST_TYPES.join(', ')}` },
    ]);
  }
  return value as ListType;
}

export class GradeQueryDto {
  @ApiPropertyOptional({ description: 'Instant to grade at (ISO 8601); now when omitted', example: '2026-06-30T16:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class AdoptRuleSetDto {
  @ApiProperty({
    description: 'When the version starts to govern grades (not in the past)',
    example: '2027-01-01T00:00:00+08:00',
  })
  @IsISO8601({ strict: true })
  effectiveFrom!: string;

  @ApiProperty({
    description:
      'Rules as data; omitted parts keep the defaults: {start, deductions: {light, general, serious}, kindSeverity, honours: {kinds, points, cap}, seriousDishonestyForcesD, bands: {A, B, C}, disputed: count_marked|exclude}',
    example: { deductions: { light: 3, general: 15, serious: 50 } },
  })
  @IsObject()
  rules!: Record<string, unknown>;
}

export class SimulateRuleSetDto {
  @ApiPropertyOptional({ description: 'Rules of the next, not yet adopted version (a draft)' })
  @IsOptional()
  @IsObject()
  rules?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Instant to compare at; now when omitted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class ProposeListingDto {
  @ApiProperty({ example: '91440300MA5FXXXX0X' })
  @IsString()
  @Matches(USCC_PATTERN, { message: 'uscc must be a USCC (18 characters)' })
  uscc!: string;

  @ApiProperty({ enum: LIST_TYPES })
  @IsIn(LIST_TYPES)
  listType!: ListType;

  @ApiProperty({ description: 'Records the entry rests on', type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  basisRecordIds!: string[];

  @ApiProperty({ example: '《企业信息公示暂行条例》第十八条' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  legalBasis!: string;

  @ApiPropertyOptional({ description: 'Reasons for the notice; derived from the basis when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(4_000)
  reasons?: string;
}

export class DecideListingDto {
  @ApiProperty({ enum: ['listed', 'not_listed'] })
  @IsIn(['listed', 'not_listed'])
  outcome!: 'listed' | 'not_listed';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4_000)
  reason!: string;
}

export class RemoveListingDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4_000)
  reason!: string;
}

export class SamplingRatesDto {
  @ApiPropertyOptional({ description: 'Share of grade-A subjects to inspect', example: 0.03, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  A?: number;

  @ApiPropertyOptional({ example: 0.05, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  B?: number;

  @ApiPropertyOptional({ example: 0.1, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  C?: number;

  @ApiPropertyOptional({ example: 0.2, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  D?: number;
}

export class PublishPlanDto {
  @ApiPropertyOptional({ description: 'Seed of the draw (published with the plan); random when omitted' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  seed?: string;

  @ApiPropertyOptional({
    description: 'Share of each grade to inspect; defaults A 0.03, B 0.05, C 0.1, D 0.2',
    type: SamplingRatesDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SamplingRatesDto)
  samplingRates?: SamplingRatesDto;

  @ApiProperty({ description: 'The inspectors to draw from (law-enforcement staff ids)', type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  inspectors!: string[];
}

export class ReportResultDto {
  @ApiProperty()
  @IsString()
  @Matches(USCC_PATTERN, { message: 'uscc must be a USCC (18 characters)' })
  uscc!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  inspector!: string;

  @ApiProperty({ enum: ['compliant', 'non_compliant', 'not_found'] })
  @IsIn(['compliant', 'non_compliant', 'not_found'])
  outcome!: 'compliant' | 'non_compliant' | 'not_found';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(8_000)
  findings!: string;

  @ApiProperty({ example: '2026-11-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'inspectedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  inspectedOn!: string;
}

export class RuleSetVersionParam {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}
