// "layerlint: Show Build Context": runs `layerlint context` for a Dockerfile
// and shows its report in a read-only document. The pure parts (arguments,
// title) are unit-tested; the rest needs VS Code.

import * as path from "node:path";

export const SCHEME = "layerlint-context";

/**
 * The arguments of `layerlint context` for a Dockerfile, run in cwd (the
 * Dockerfile's directory), with paths relative to it so the report reads
 * "context: ." rather than the absolute path. contextDir is the directory
 * layerlint.contexts gives (absolute), undefined to let layerlint infer it
 * (the Dockerfile's directory, or the ancestor where its COPY sources
 * resolve).
 */
export function contextArgs(dockerfile: string, cwd: string, contextDir?: string, platform = process.platform): string[] {
  const p = platform === "win32" ? path.win32 : path.posix;
  const rel = (to: string) => p.relative(cwd, to) || ".";
  const args = ["context", "--dockerfile", rel(dockerfile)];
  if (contextDir) {
    args.push(rel(contextDir));
  }
  return args;
}

/** Resolves a layerlint.contexts directory against its workspace folder. */
export function resolveContextDir(dir: string, folder: string | undefined, platform = process.platform): string | undefined {
  const p = platform === "win32" ? path.win32 : path.posix;
  if (p.isAbsolute(dir)) {
    return p.normalize(dir);
  }
  return folder ? p.join(folder, dir) : undefined;
}

/** The report as shown: a header saying what ran, then the output. */
export function renderReport(opts: {
  binary: string;
  args: string[];
  cwd: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  dirty: boolean;
}): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const lines = [`$ cd ${quote(opts.cwd)} && ${[opts.binary, ...opts.args].map(quote).join(" ")}`];
  if (opts.dirty) {
    lines.push("(the Dockerfile has unsaved changes; this report reads the saved file)");
  }
  lines.push("");
  if (opts.stdout) {
    lines.push(opts.stdout.replace(/\s+$/, ""));
  }
  if (opts.stderr.trim()) {
    lines.push("", opts.stderr.replace(/\s+$/, ""));
  }
  if (opts.exitCode !== 0) {
    lines.push("", `(layerlint exited with ${opts.exitCode === null ? "a signal" : `status ${opts.exitCode}`})`);
  }
  return lines.join("\n") + "\n";
}
