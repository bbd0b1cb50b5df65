/** The stream moved on since the writer read it; the command handler re-reads, re-decides and retries. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(
      actual === null
        ? `stream ${streamId}: a concurrent writer appended version ${expected + 1} first`
        : `stream ${streamId}: expected version ${expected}, actual ${actual}`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}
