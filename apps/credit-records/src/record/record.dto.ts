import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WithdrawRecordDto {
  @ApiProperty({ description: 'Why the record is withdrawn (e.g. the decision was revoked by 复议决定 …)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  reason!: string;
}
