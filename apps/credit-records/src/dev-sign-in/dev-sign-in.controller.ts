// Development sign-in for the web console (ADR 0011): in AUTH_MODE=dev the platform is its own token issuer, so the
// console lets a developer pick an organisation and a role from the directory and receive a token, exactly what
// `npx credit-share token` prints. Fenced twice: the routes answer 404 unless the development issuer exists (it only
// exists in AUTH_MODE=dev), checked by a guard before anything else runs; and they are left out of the OpenAPI
// document, because no production client may rely on them. The directory's owner serves them so the picker shows
// the registered organisations and refuses roles an organisation's type does not permit (ADR 0004).
import {
  ORGANIZATION_DIRECTORY,
  ROLES,
  TokenVerifier,
  roleAllowedFor,
  type OrganizationDirectory,
  type Role,
} from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { Public } from '@credit-share/observability';
import { Body, Controller, Get, Inject, Injectable, NotFoundException, Post, UseGuards, type CanActivate } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { decodeJwt } from 'jose';
import { validateUscc } from '../subject/uscc';
import type { DevOrganizationView, DevTokenView } from './dev-sign-in.dto';
import { IssueDevTokenDto } from './dev-sign-in.dto';

/** A working day's session; a developer signs in again after that. */
const TOKEN_TTL_SECONDS = 8 * 3600;

@Injectable()
class DevelopmentIssuerOnly implements CanActivate {
  constructor(private readonly verifier: TokenVerifier) {}

  canActivate(): boolean {
    if (!this.verifier.devIssuer) {
      throw new NotFoundException({ code: 'AUTH.NO_DEV_ISSUER', message: 'tokens come from the external OIDC issuer' });
    }
    return true;
  }
}

@ApiExcludeController()
@UseGuards(DevelopmentIssuerOnly)
@Controller(`${API_V1}/dev`)
export class DevSignInController {
  constructor(
    private readonly verifier: TokenVerifier,
    @Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory,
  ) {}

  /** The directory for the sign-in picker: who may sign in, and in which roles. */
  @Public()
  @Get('organizations')
  async organizations(): Promise<DevOrganizationView[]> {
    return (await this.directory.list()).map(({ id, name, type }) => ({
      id,
      name,
      type,
      roles: ROLES.filter((role) => roleAllowedFor(type, role)),
    }));
  }

  @Public()
  @Post('tokens')
  async issue(@Body() body: IssueDevTokenDto): Promise<DevTokenView> {
    const issuer = this.verifier.devIssuer!;
    let org: string;
    let subject: string | undefined;
    if (body.role === 'subject') {
      // An enterprise acts as itself: its token's org and subject are its USCC (PRODUCT.md §1).
      const uscc = validateUscc(body.subject!);
      if (!uscc.ok) throw invalid('subject', uscc.error.code, uscc.error.message);
      org = subject = uscc.uscc;
    } else {
      const organization = await this.directory.find(body.org!);
      if (!organization) throw invalid('org', 'UNKNOWN_ORGANIZATION', `organisation "${body.org}" is not registered`);
      if (!roleAllowedFor(organization.type, body.role)) {
        throw invalid('role', 'ROLE_NOT_PERMITTED', `a ${organization.type} cannot act as ${body.role}`);
      }
      org = organization.id;
    }
    const roles: Role[] = [body.role];
    const token = await issuer.sign({ sub: `${org}:console`, org, roles, subject }, TOKEN_TTL_SECONDS);
    return { token, expiresAt: new Date(decodeJwt(token).exp! * 1000).toISOString() };
  }
}

function invalid(field: string, code: string, message: string): DomainError {
  return DomainError.validation('DEV_SIGN_IN.INVALID', 'the sign-in request has invalid fields', [{ field, code, message }]);
}
