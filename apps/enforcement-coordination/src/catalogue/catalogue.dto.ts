import { LIST_TYPES, type ListType } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const ID = /^[a-z0-9][a-z0-9-]{1,99}$/;

export class RegisterMeasureDto {
  @ApiPropertyOptional({
    description: 'Stable id; registering a changed measure under an existing id adds a version. Generated when omitted.',
    example: 'procurement-exclusion',
  })
  @IsOptional()
  @Matches(ID, { message: 'id must be 2–100 lower-case letters, digits or hyphens' })
  id?: string;

  @ApiProperty({ example: '依法限制参与政府采购活动' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  content!: string;

  @ApiProperty({ example: '失信主体及其法定代表人' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  target!: string;

  @ApiProperty({
    description: 'Law, regulation or policy document that provides for the measure (required)',
    example: '《政府采购法》第二十二条',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  legalBasis?: string;

  @ApiProperty({ description: 'Organisation id of the implementing department', example: 'sz-finance' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'implementingOrg must be an organisation id' })
  implementingOrg!: string;
}

export class AdoptMemorandumDto {
  @ApiPropertyOptional({
    description: 'Stable id; adopting a changed memorandum under it adds a version',
    example: 'dishonesty-2026',
  })
  @IsOptional()
  @Matches(ID, { message: 'id must be 2–100 lower-case letters, digits or hyphens' })
  id?: string;

  @ApiProperty({ enum: LIST_TYPES })
  @IsIn(LIST_TYPES)
  listType!: ListType;

  @ApiProperty({ type: String, isArray: true })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  measureIds!: string[];

  @ApiPropertyOptional({ example: '关于对失信主体实施联合惩戒的合作备忘录' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;
}

export class ListMeasuresQueryDto {
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  implementingOrg?: string;
}

export class ListMemorandaQueryDto {
  @IsOptional()
  @IsIn(LIST_TYPES)
  listType?: ListType;
}
