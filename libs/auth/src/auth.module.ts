import { Controller, Get, Global, Module, NotFoundException, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@credit-share/observability';
import { AuthenticationGuard } from './guards';
import { TokenVerifier, type AuthSettings } from './token-verifier';

@ApiExcludeController()
@Controller('.well-known')
class JwksController {
  constructor(private readonly verifier: TokenVerifier) {}

  /** The development issuer's public keys, so other local processes and clients can verify its tokens. */
  @Public()
  @Get('jwks.json')
  jwks() {
    const issuer = this.verifier.devIssuer;
    if (!issuer)
      throw new NotFoundException({ code: 'AUTH.NO_DEV_ISSUER', message: 'tokens come from the external OIDC issuer' });
    return issuer.jwks();
  }
}

@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      controllers: [JwksController],
      providers: [
        { provide: TokenVerifier, useFactory: () => TokenVerifier.create(settings) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
