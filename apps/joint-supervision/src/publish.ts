// What joint-supervision tells the other services. Nothing yet: its domain events arrive with its domain issue.
import type { PublishMap } from '@credit-share/messaging';

export const publish: PublishMap = () => null;
