// Finding the layerlint binary. Pure apart from the file-system probe it is
// given, so the order and the messages are unit-tested without VS Code.
//
// Order: the layerlint.path setting, then the binary bundled in the VSIX for
// this platform (bin/<platform>-<arch>/layerlint[.exe]), then layerlint on
// PATH. Every candidate is recorded with why it was taken or passed over, for
// the output channel; when none is usable the result carries the fix to show.

import * as path from "node:path";

/** Where a binary came from. */
export type BinarySource = "setting" | "bundled" | "PATH";

/** One candidate looked at, in order. */
export interface Candidate {
  source: BinarySource;
  path: string;
  /** "ok", or why it was passed over. */
  verdict: string;
}

export interface Resolution {
  /** The binary to run, undefined when none was found. */
  binary?: string;
  source?: BinarySource;
  candidates: Candidate[];
  /**
   * Set when layerlint.path names something unusable: the fallback (if any)
   * still runs, but the user should hear about the setting.
   */
  settingProblem?: string;
}

/** What a path is, as far as resolution cares. */
export type Probe = (file: string) => "executable" | "not-executable" | "missing" | "directory";

export interface ResolveInput {
  /** The layerlint.path setting ("" or undefined: not set). */
  configured?: string;
  /** The extension's install directory. */
  extensionPath: string;
  /** process.platform and process.arch. */
  platform: string;
  arch: string;
  /** The PATH and, on Windows, PATHEXT environment variables. */
  envPath?: string;
  envPathExt?: string;
  /** The home directory, for "~" in the setting. */
  home?: string;
  /** The first workspace folder's path, for ${workspaceFolder} and relative settings. */
  workspaceFolder?: string;
  probe: Probe;
  /**
   * Called when the bundled binary exists but lost its executable bit (some
   * unzip paths drop it); returns whether it is executable now.
   */
  makeExecutable?: (file: string) => boolean;
}

/** The bundled binary's directory name for a platform: "linux-x64", "darwin-arm64", "win32-x64". */
export function platformDir(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

/** The binary's file name on a platform. */
export function exeName(platform: string): string {
  return platform === "win32" ? "layerlint.exe" : "layerlint";
}

/** The bundled binary's path inside the extension. */
export function bundledPath(extensionPath: string, platform: string, arch: string): string {
  const p = platform === "win32" ? path.win32 : path.posix;
  return p.join(extensionPath, "bin", platformDir(platform, arch), exeName(platform));
}

/**
 * Expands "~" and ${workspaceFolder}/${userHome} in the layerlint.path
 * setting and makes a relative result absolute against the workspace folder.
 * Returns an error message instead when the setting cannot be made absolute.
 */
export function expandSetting(
  value: string,
  opts: { platform: string; home?: string; workspaceFolder?: string },
): { path: string } | { error: string } {
  const p = opts.platform === "win32" ? path.win32 : path.posix;
  let v = value.trim();
  if (v.includes("${workspaceFolder}")) {
    if (!opts.workspaceFolder) {
      return { error: `layerlint.path uses \${workspaceFolder} but no folder is open` };
    }
    v = v.split("${workspaceFolder}").join(opts.workspaceFolder);
  }
  if (v.includes("${userHome}") || v === "~" || v.startsWith("~/") || v.startsWith("~\\")) {
    if (!opts.home) {
      return { error: "layerlint.path starts with ~ but the home directory is unknown" };
    }
    v = v.split("${userHome}").join(opts.home);
    if (v === "~" || v.startsWith("~/") || v.startsWith("~\\")) {
      v = opts.home + v.slice(1);
    }
  }
  if (!p.isAbsolute(v)) {
    if (!opts.workspaceFolder) {
      return { error: `layerlint.path "${value}" is relative and no folder is open to resolve it against` };
    }
    v = p.join(opts.workspaceFolder, v);
  }
  return { path: p.normalize(v) };
}

/** The places layerlint may be on PATH, in order. */
export function pathCandidates(platform: string, envPath = "", envPathExt = ""): string[] {
  const p = platform === "win32" ? path.win32 : path.posix;
  const sep = platform === "win32" ? ";" : ":";
  const exts = platform === "win32" ? (envPathExt || ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e) : [""];
  const out: string[] = [];
  for (const dir of envPath.split(sep)) {
    // an empty PATH entry means the current directory: never run a binary
    // from wherever VS Code happened to start
    if (!dir || !p.isAbsolute(dir)) {
      continue;
    }
    for (const ext of exts) {
      out.push(p.join(dir, "layerlint" + ext.toLowerCase()));
    }
  }
  return out;
}

function describe(kind: ReturnType<Probe>): string {
  switch (kind) {
    case "missing":
      return "not found";
    case "directory":
      return "is a directory";
    case "not-executable":
      return "not executable";
    default:
      return "ok";
  }
}

/** Resolves the binary to run; see the file comment for the order. */
export function resolveBinary(input: ResolveInput): Resolution {
  const candidates: Candidate[] = [];
  let settingProblem: string | undefined;

  const configured = (input.configured ?? "").trim();
  if (configured) {
    const expanded = expandSetting(configured, input);
    if ("error" in expanded) {
      settingProblem = expanded.error;
      candidates.push({ source: "setting", path: configured, verdict: expanded.error });
    } else {
      const kind = input.probe(expanded.path);
      const verdict = describe(kind);
      candidates.push({ source: "setting", path: expanded.path, verdict });
      if (kind === "executable") {
        return { binary: expanded.path, source: "setting", candidates };
      }
      settingProblem = `layerlint.path "${configured}" ${verdict === "ok" ? "is unusable" : verdict}`;
    }
  }

  const bundled = bundledPath(input.extensionPath, input.platform, input.arch);
  let kind = input.probe(bundled);
  if (kind === "not-executable" && input.makeExecutable?.(bundled)) {
    kind = "executable";
  }
  candidates.push({
    source: "bundled",
    path: bundled,
    verdict: kind === "missing" ? `not found (no binary bundled for ${platformDir(input.platform, input.arch)})` : describe(kind),
  });
  if (kind === "executable") {
    return { binary: bundled, source: "bundled", candidates, settingProblem };
  }

  const onPath = pathCandidates(input.platform, input.envPath, input.envPathExt);
  for (const c of onPath) {
    const k = input.probe(c);
    if (k === "executable") {
      candidates.push({ source: "PATH", path: c, verdict: "ok" });
      return { binary: c, source: "PATH", candidates, settingProblem };
    }
    if (k !== "missing") {
      candidates.push({ source: "PATH", path: c, verdict: describe(k) });
    }
  }
  if (!candidates.some((c) => c.source === "PATH")) {
    candidates.push({ source: "PATH", path: "layerlint", verdict: onPath.length ? "not on PATH" : "PATH is empty" });
  }
  return { candidates, settingProblem };
}

/** The lines the output channel gets for a resolution. */
export function describeResolution(r: Resolution): string[] {
  const lines = r.candidates.map((c) => `  ${c.source.padEnd(7)} ${c.path}: ${c.verdict}`);
  if (r.binary) {
    lines.push(`using ${r.binary} (${r.source === "setting" ? "layerlint.path" : r.source === "bundled" ? "bundled" : "from PATH"})`);
  } else {
    lines.push("no layerlint binary found");
  }
  return ["looking for the layerlint binary:", ...lines];
}

/** The notification shown when no binary is found, and how to fix it. */
export const NOT_FOUND_MESSAGE =
  "layerlint: no layerlint binary found, so Dockerfiles are not linted. " +
  "Set layerlint.path to a layerlint binary, or install one on PATH " +
  "(go install github.com/layerlint/layerlint/cmd/layerlint@latest), then run 'layerlint: Restart Server'.";
