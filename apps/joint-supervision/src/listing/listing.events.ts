import type {
  ListingDecidedV1,
  ListingNoticedV1,
  ListingProposedV1,
  ListingRemovedV1,
  ListingWindowWaivedV1,
} from '@credit-share/contracts';

export interface ListingProposed {
  type: 'ListingProposed';
  data: ListingProposedV1;
}
export interface ListingNoticed {
  type: 'ListingNoticed';
  data: ListingNoticedV1;
}
export interface ListingWindowWaived {
  type: 'ListingWindowWaived';
  data: ListingWindowWaivedV1;
}
export interface ListingDecided {
  type: 'ListingDecided';
  data: ListingDecidedV1;
}
export interface ListingRemoved {
  type: 'ListingRemoved';
  data: ListingRemovedV1;
}

export type ListingEvent = ListingProposed | ListingNoticed | ListingWindowWaived | ListingDecided | ListingRemoved;
