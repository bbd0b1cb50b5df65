import type { CheckLoggedV1 } from '@credit-share/contracts';

/** One embedded check served or denied; published as CheckLogged v1 (same data). */
export interface CheckLogged {
  type: 'CheckLogged';
  data: CheckLoggedV1;
}
