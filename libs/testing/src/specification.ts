// Given events / When command / Then events or error — the shape of every decision test (ARCHITECTURE.md).
import { DomainError } from '@credit-share/contracts';

export interface Decider<S, E> {
  initialState: S;
  evolve(state: S, event: E): S;
}

export function specification<S, E>(decider: Decider<S, E>) {
  return {
    given(history: E[]) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(decide: (state: S) => E[]) {
          const run = (): { events?: E[]; error?: unknown } => {
            try {
              return { events: decide(state) };
            } catch (error) {
              return { error };
            }
          };
          return {
            /** The decision emits exactly these events. */
            then(expected: E[]): void {
              const { events, error } = run();
              if (error) throw new Error(`expected events, got error: ${(error as Error).message}`);
              expect(events).toEqual(expected);
            },
            /** The decision emits nothing: the command is a no-op in this state. */
            thenNothing(): void {
              const { events, error } = run();
              if (error) throw new Error(`expected no events, got error: ${(error as Error).message}`);
              expect(events).toEqual([]);
            },
            /** The decision refuses with a domain error of this code. */
            thenRefuses(code: string, fields?: string[]): DomainError {
              const { events, error } = run();
              if (!error) throw new Error(`expected refusal ${code}, got events ${JSON.stringify(events)}`);
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).code).toBe(code);
              if (fields) expect((error as DomainError).errors.map((e) => e.field)).toEqual(fields);
              return error as DomainError;
            },
            state,
          };
        },
      };
    },
  };
}
