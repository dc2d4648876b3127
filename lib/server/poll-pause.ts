import 'server-only';
// The pause of a polling loop (the job worker, webhook delivery): until the next
// poll, or until woken. A wake that comes while the loop is working rather than
// waiting is kept, so the next pause ends at once instead of the wake being lost.

export function createPollPause() {
  let wakeUp: (() => void) | null = null;
  let pending = false;
  return {
    wake() {
      if (wakeUp) wakeUp();
      else pending = true;
    },
    pause(ms: number): Promise<void> {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      });
    },
  };
}
