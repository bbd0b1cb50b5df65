import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export class RegisterWebhookDto {
  @ApiProperty({ example: 'https://enforcement.finance.example.gov.cn/credit-share/alerts' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2_000)
  url!: string;

  @ApiProperty({ description: 'Shared secret for the HMAC-SHA256 signature (at least 16 characters); never shown again' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret!: string;
}
