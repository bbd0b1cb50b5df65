import { ORGANIZATION_TYPES, SHARING_CLASSES, type OrganizationType, type SharingClass } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RECORD_KINDS } from '../catalogue/record-kinds';

export class RegisterOrganizationDto {
  @ApiPropertyOptional({
    description: 'Stable id used in tokens (`org` claim); lower-case letters, digits and hyphens. Generated when omitted.',
    example: 'sz-market-regulation',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'id must be 2–63 lower-case letters, digits or hyphens' })
  id?: string;

  @ApiProperty({ example: '深圳市市场监督管理局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiProperty({ description: 'Unified Social Credit Code (GB 32100-2015)', example: '11440300007542058Q' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  uscc!: string;

  @ApiProperty({ description: 'Catalogue items the organisation may submit', enum: RECORD_KINDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  catalogueItems!: string[];

  @ApiProperty({ description: 'Sharing classes the organisation may see', enum: SHARING_CLASSES, isArray: true })
  @IsArray()
  @IsIn(SHARING_CLASSES, { each: true })
  sharingClasses!: SharingClass[];
}

export class ChangeOrganizationPermissionsDto {
  @ApiProperty({ enum: RECORD_KINDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  catalogueItems!: string[];

  @ApiProperty({ enum: SHARING_CLASSES, isArray: true })
  @IsArray()
  @IsIn(SHARING_CLASSES, { each: true })
  sharingClasses!: SharingClass[];
}

export class OrganizationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type!: OrganizationType;
  @ApiProperty() uscc!: string;
  @ApiProperty({ isArray: true, type: String }) catalogueItems!: string[];
  @ApiProperty({ enum: SHARING_CLASSES, isArray: true }) sharingClasses!: SharingClass[];
  @ApiProperty({ description: 'Labels what this organisation submits', enum: ['public_credit', 'market_credit', 'none'] })
  informationCategory!: 'public_credit' | 'market_credit' | 'none';
  @ApiProperty({ description: 'Number of directory changes applied' }) version!: number;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
}
