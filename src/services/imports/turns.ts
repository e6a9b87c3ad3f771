/**
 * Turns at reading whole files in this process (a preview of an upload, or an apply, which reads its file again):
 * at most `slots` at a time, the others waiting in line, first come first served. Reading the largest file the
 * limits allow takes a few hundred megabytes at its peak; turns keep that the peak of the process however many
 * admins upload and import at once.
 */
export class Turns {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(private readonly slots: number) {}

  /**
   * Waits for a turn and returns the function that ends it. When there is a wait, `waiting` is told first how
   * many files go before this one (being read or in line), so that the admin hears why nothing comes yet.
   */
  async take(waiting: (ahead: number) => Promise<unknown>): Promise<() => void> {
    if (this.running < this.slots && this.line.length === 0) {
      this.running++;
      return this.ender();
    }
    const ahead = this.running + this.line.length;
    const turn = new Promise<void>((resolve) => this.line.push(resolve));
    // A failure to tell the admin must not cost the file its place, nor leave a turn given to nobody.
    await waiting(ahead).catch(() => {});
    await turn;
    return this.ender();
  }

  /**
   * Ends a turn once, handing it to the first in line. Before a handover the heap is collected when the process
   * allows it (`node --expose-gc`, as `npm start` runs it): otherwise V8 lets the next file grow the heap on top of
   * the last one's garbage, and files read one after another peak higher than one.
   */
  private ender(): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.line.shift();
      if (!next) {
        this.running--;
        return;
      }
      (globalThis as { gc?: () => void }).gc?.();
      next();
    };
  }
}
