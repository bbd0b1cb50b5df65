import { Controller, Get, Global, Module, Res, type DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthChecks } from './health';
import { Metrics } from './metrics';
import { Public } from './public.decorator';

@ApiExcludeController()
@Controller()
class OperationsController {
  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: Metrics,
  ) {}

  @Public()
  @Get('health')
  async getHealth(@Res() res: Response) {
    const report = await this.health.run();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }

  /** Liveness: the process answers. /health is readiness (its dependencies answer too). */
  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('metrics')
  async getMetrics(@Res() res: Response) {
    res.type('text/plain; version=0.0.4').send(await this.metrics.render());
  }
}

/** Process-wide health checks and metrics, with the /health and /metrics routes. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [OperationsController],
      providers: [HealthChecks, { provide: Metrics, useFactory: () => new Metrics() }],
      exports: [HealthChecks, Metrics],
    };
  }
}
