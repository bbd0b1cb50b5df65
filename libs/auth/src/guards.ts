// Deny by default (PRODUCT.md §6): a route answers only if it is marked @Public() or names the roles it admits with
// @Authorize(...). Authentication and the role check run globally; the organisation check runs in the service
// that owns the route, against that service's own copy of the directory.
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@credit-share/event-store';
import { IS_PUBLIC } from '@credit-share/observability';
import type { Request } from 'express';
import { roleAllowedFor } from './directory/access-policy';
import type { DirectoryEntry, OrganizationDirectory } from './directory/organization-directory';
import type { Principal, Role } from './principal';
import { TokenRejected, TokenVerifier } from './token-verifier';

export const ROLES_KEY = 'credit-share:roles';
export const ORGANIZATION_DIRECTORY = Symbol('OrganizationDirectory');

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** The caller's organisation from the serving service's directory (absent for `subject` callers). */
  organization?: DirectoryEntry;
  /** The caller's roles that this route admits and its organisation permits. */
  actingRoles?: Role[];
}

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException({ code: 'AUTH.TOKEN_MISSING', message: 'send Authorization: Bearer <token>' });
    let principal: Principal;
    try {
      principal = await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof TokenRejected) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    request.principal = principal;
    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!admitted || admitted.length === 0) {
      throw new ForbiddenException({ code: 'AUTH.ROUTE_NOT_OPEN', message: 'this route admits no role' });
    }
    const acting = principal.roles.filter((r) => admitted.includes(r));
    if (acting.length === 0) {
      throw new ForbiddenException({
        code: 'AUTH.ROLE_REQUIRED',
        message: `this route needs one of the roles: ${admitted.join(', ')}`,
      });
    }
    request.actingRoles = acting;
    return true;
  }
}

@Injectable()
export class OrganizationGuard implements CanActivate {
  constructor(@Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    const acting = request.actingRoles ?? [];
    if (!principal) throw new UnauthorizedException({ code: 'AUTH.TOKEN_MISSING', message: 'not authenticated' });
    // An enterprise acts as itself: its token's organisation is its own USCC (PRODUCT.md §1).
    const asSubject = acting.includes('subject') && principal.subject !== undefined && principal.subject === principal.org;
    const organizationRoles = acting.filter((r) => r !== 'subject');
    if (organizationRoles.length === 0) {
      if (asSubject) return true;
      throw new ForbiddenException({
        code: 'AUTH.SUBJECT_CLAIM_INVALID',
        message: 'a subject token needs a "subject" claim equal to its "org" (the enterprise USCC)',
      });
    }
    const organization = await this.directory.find(principal.org);
    if (!organization) {
      if (asSubject) {
        request.actingRoles = ['subject'];
        return true;
      }
      throw new ForbiddenException({
        code: 'AUTH.ORGANIZATION_UNKNOWN',
        message: `organisation "${principal.org}" is not registered on the platform`,
      });
    }
    const permitted = organizationRoles.filter((r) => roleAllowedFor(organization.type, r));
    if (permitted.length === 0 && !asSubject) {
      throw new ForbiddenException({
        code: 'AUTH.ROLE_NOT_PERMITTED_FOR_ORGANIZATION',
        message: `a ${organization.type} cannot act as ${organizationRoles.join(' or ')}`,
      });
    }
    request.organization = organization;
    request.actingRoles = asSubject ? [...permitted, 'subject'] : permitted;
    return true;
  }
}

/** Admits the given roles, checked against the caller's organisation in this service's directory. */
export function Authorize(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(OrganizationGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid bearer token' }),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${roles.join(', ')}` }),
  );
}

export interface Caller {
  principal: Principal;
  organization: DirectoryEntry | undefined;
  roles: Role[];
}

/** Who the events a caller's command records are attributed to (event metadata). */
export function actorOf(caller: Caller): Actor {
  return { user: caller.principal.user, org: caller.principal.org };
}

/** The authenticated caller of an @Authorize route. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return { principal: request.principal!, organization: request.organization, roles: request.actingRoles ?? [] };
});
