import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class AllowUsccExceptionDto {
  @ApiProperty({ example: '91350211M0000XUF46' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  uscc!: string;

  @ApiProperty({ example: 'issued by the Xiamen pilot before GB 32100-2015 took effect' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  reason!: string;

  @ApiProperty({ description: 'Where the code was verified (registry extract, letter of the registration authority)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  source!: string;
}
