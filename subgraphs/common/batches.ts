/**
 * Work gathered per key and done a batch at a time: the first item of a key goes at once; those that come
 * while a key's batch is on its way wait, and go together as its next batch (at most `most` at a time). So a
 * key's batches do not overlap, and each finds what the one before it left. `run` settles every item of a
 * batch, in order, or fails them all. A batch still on its way after `patienceMs` (a lock held elsewhere, a
 * connection gone quiet) no longer holds its key: the next one goes, so that one stuck batch holds up only
 * its own items. `run` must be right whatever the batch before left, finished or not.
 */
export class Batches<T, R> {
  private readonly waiting = new Map<string, Array<{ item: T; done: (answer: R) => void; failed: (error: unknown) => void }>>();
  private readonly running = new Set<string>();

  constructor(
    private readonly run: (key: string, items: T[]) => Promise<Array<PromiseSettledResult<R>>>,
    private readonly most = 20,
    private readonly patienceMs = 5_000,
  ) {}

  add(key: string, item: T): Promise<R> {
    return new Promise<R>((done, failed) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ item, done, failed });
      this.waiting.set(key, queue);
      if (!this.running.has(key)) void this.next(key);
    });
  }

  private async next(key: string): Promise<void> {
    const queue = this.waiting.get(key) ?? [];
    const batch = queue.splice(0, this.most);
    if (queue.length === 0) this.waiting.delete(key);
    if (batch.length === 0) return;
    this.running.add(key);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running.delete(key);
      void this.next(key);
    };
    const patience = setTimeout(release, this.patienceMs);
    patience.unref?.();
    try {
      const answers = await this.run(key, batch.map((entry) => entry.item));
      batch.forEach((entry, index) => {
        const answer = answers[index];
        if (answer.status === 'fulfilled') entry.done(answer.value);
        else entry.failed(answer.reason);
      });
    } catch (error) {
      for (const entry of batch) entry.failed(error);
    } finally {
      clearTimeout(patience);
      release();
    }
  }
}
