export * from './auth.module';
export * from './dev-issuer';
export * from './directory/access-policy';
export * from './directory/organization-directory';
export * from './guards';
export * from './principal';
export * from './token-verifier';
export * from './directory/directory-replica';
