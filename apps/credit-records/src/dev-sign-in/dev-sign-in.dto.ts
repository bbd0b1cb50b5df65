import { ROLES, type Role } from '@credit-share/auth';
import { ORGANIZATION_TYPES, type OrganizationType } from '@credit-share/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';

export class IssueDevTokenDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'The organisation to act for (every role but `subject`)', example: 'platform' })
  @ValidateIf((body: IssueDevTokenDto) => body.role !== 'subject')
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  org?: string;

  @ApiPropertyOptional({ description: 'The enterprise’s USCC (role `subject` only)', example: '91440300MA5FXT4K8N' })
  @ValidateIf((body: IssueDevTokenDto) => body.role === 'subject')
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  subject?: string;
}

export class DevOrganizationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type!: OrganizationType;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'The roles its type permits' }) roles!: Role[];
}

export class DevTokenView {
  @ApiProperty() token!: string;
  @ApiProperty() expiresAt!: string;
}
