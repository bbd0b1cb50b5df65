// The web console is served by the platform at `/` (PRODUCT.md §4). The console calls the same API as every other
// client with the same bearer tokens; serving it needs no token (it holds no data until the user signs in).
import { Controller, Get, Inject, Module, NotFoundException, Param, Res, type DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@credit-share/observability';
import type { Response } from 'express';
import { ConsoleAssets, type ConsoleResponse } from './console-assets';
import type { ConsoleSettings } from './console-settings';

const CONSOLE_ASSETS = Symbol('ConsoleAssets');

@ApiExcludeController()
@Controller()
class ConsoleController {
  constructor(@Inject(CONSOLE_ASSETS) private readonly assets: ConsoleAssets) {}

  @Public()
  @Get()
  index(@Res() res: Response) {
    send(res, this.assets.index());
  }

  @Public()
  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    const asset = this.assets.asset(file);
    if (!asset) throw new NotFoundException({ code: 'CONSOLE.NO_SUCH_ASSET', message: `no console asset ${file}` });
    send(res, asset);
  }
}

function send(res: Response, answer: ConsoleResponse): void {
  res.status(answer.status).set(answer.headers).end(answer.body);
}

@Module({})
export class ConsoleModule {
  static forRoot(settings: ConsoleSettings): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleController],
      providers: [{ provide: CONSOLE_ASSETS, useFactory: () => ConsoleAssets.load(settings) }],
    };
  }
}
