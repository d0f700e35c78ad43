/** Console output for the CLI: --quiet keeps only errors; --json prints one object. */
export class Output {
  constructor(
    private readonly options: { quiet: boolean; json: boolean },
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  get json(): boolean {
    return this.options.json;
  }

  /** A line for people; silent under --quiet or --json. */
  line(text = ''): void {
    if (!this.options.quiet && !this.options.json) this.out.write(`${text}\n`);
  }

  /** The machine-readable result under --json. */
  data(value: unknown): void {
    if (this.options.json) this.out.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  error(text: string): void {
    this.err.write(`${text}\n`);
  }
}
