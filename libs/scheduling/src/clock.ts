// Time is an argument of every decision (ARCHITECTURE.md). Processes get the system clock; tests get a clock they
// move themselves (libs/testing FixedClock), so periods, deadlines and expiry are tested at exact instants.

export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };
