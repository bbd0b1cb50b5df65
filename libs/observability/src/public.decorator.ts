import { SetMetadata } from '@nestjs/common';

/**
 * Marks a route as reachable without a token. Every other route is denied unless it names the roles it admits
 * (libs/auth `@Roles`). Lives here rather than in libs/auth because operational routes are declared here.
 */
export const IS_PUBLIC = 'credit-share:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);
