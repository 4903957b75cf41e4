// The page's side of the rules worker (worker.js): one worker at a time, one run in flight,
// and only the newest request waiting behind it, so fast typing never queues stale work.
// `stop()` terminates the worker, whatever it is doing, and starts a fresh one.

/** How long a run may take before the page offers to stop it. The sandbox limits stop a
 * runaway rule long before this; a busy machine can make an honest run take a second or two. */
const SLOW_MS = 3000;

export class Engine {
  /**
   * @param {object} hooks `onReady({version, api})`, `onResult(result, job)`, `onFatal(message)`,
   *   `onBusy(state)` with state "idle" | "running" | "slow" | "stopped".
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.seq = 0;
    this.inFlight = null;
    this.pending = null;
    this.slowTimer = null;
    this.start();
  }

  /** Starts the worker; runs wait until it says "ready" (`started`), once the engine has loaded. */
  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'yesif rules' });
    this.started = false;
    this.worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        this.started = true;
        this.hooks.onReady?.(data);
        this.next();
      } else if (data.type === 'result') {
        this.finish(data);
      } else if (data.type === 'fatal') {
        this.hooks.onFatal?.(data.message);
      }
    };
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.hooks.onFatal?.(`the rules engine could not start: ${e.message || 'is www/pkg built? (make build)'}`);
    };
  }

  /** Asks for `job` to be run; a job that has not started yet is replaced by a newer one. */
  run(job) {
    this.pending = { ...job, seq: ++this.seq };
    if (!this.inFlight && this.started) this.next();
  }

  next() {
    if (this.inFlight || !this.pending) return;
    this.inFlight = this.pending;
    this.pending = null;
    this.worker.postMessage({ type: 'run', ...this.inFlight });
    this.hooks.onBusy?.('running');
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(() => this.hooks.onBusy?.('slow'), SLOW_MS);
  }

  finish(result) {
    if (!this.inFlight || result.seq !== this.inFlight.seq) return;
    clearTimeout(this.slowTimer);
    const job = this.inFlight;
    this.inFlight = null;
    // A result is shown only if no newer job is waiting; otherwise the newer one runs at once.
    if (!this.pending) {
      this.hooks.onBusy?.('idle');
      this.hooks.onResult?.(result, job);
    }
    this.next();
  }

  /** Terminates the worker (and whatever rule it is running) and starts a fresh one. */
  stop() {
    clearTimeout(this.slowTimer);
    this.worker.terminate();
    this.inFlight = null;
    this.pending = null;
    this.start();
    this.hooks.onBusy?.('stopped');
  }
}
