import { Chalk, type ChalkInstance } from 'chalk';

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/**
 * All output goes through here. Data for machines goes to stdout; messages and progress go to
 * stderr. Whether to use colour is decided once: a TTY and no NO_COLOR.
 */
export class Output {
  readonly c: ChalkInstance;
  readonly interactive: boolean;
  jsonMode = false;

  constructor(
    readonly stdout: TextStream,
    readonly stderr: TextStream,
    env: NodeJS.ProcessEnv,
  ) {
    const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
    this.interactive = Boolean(stderr.isTTY) && env.CI !== 'true' && env.TERM !== 'dumb';
    this.c = new Chalk({ level: !noColor && stdout.isTTY && env.FORCE_COLOR !== '0' ? 1 : 0 });
  }

  /** Plain text result for people (stdout). */
  print(text: string): void {
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Prints `value` as JSON with --json, else renders it for people. */
  result<T>(value: T, render: (v: T, c: ChalkInstance) => string): void {
    if (this.jsonMode) this.json(value);
    else this.print(render(value, this.c));
  }

  info(msg: string): void {
    this.stderr.write(`${msg}\n`);
  }

  warn(msg: string): void {
    this.stderr.write(`${this.errC.yellow('warning:')} ${msg}\n`);
  }

  error(msg: string): void {
    this.stderr.write(`${this.errC.red('error:')} ${msg}\n`);
  }

  /** A single updating line on a TTY (count, rate, time left); silent in cron and pipes. */
  progress(label: string): Progress {
    if (!this.interactive) return { update: () => undefined, done: () => undefined };
    const started = performance.now();
    let last = 0;
    return {
      update: (done, total) => {
        const now = performance.now();
        if ((total <= 0 || done < total) && now - last < 80) return;
        last = now;
        const secs = (now - started) / 1000;
        const rate = secs > 0 ? done / secs : 0;
        const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
        const eta = done < total && rate > 0 ? `, ${left}s left` : '';
        // total 0: unknown (a streamed file): the count and the rate only.
        const count = total > 0 ? `${done}/${total}` : `${done.toLocaleString('en-US')}`;
        this.stderr.write(`\r\x1b[2K${label} ${count} (${rate.toFixed(rate < 10 ? 1 : 0)}/s${eta})`);
      },
      done: () => this.stderr.write('\r\x1b[2K'),
    };
  }

  private get errC(): ChalkInstance {
    return this.stderr.isTTY ? this.c : new Chalk({ level: 0 });
  }
}
