// Binary resolution: layerlint.path, then the bundled binary, then PATH.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Probe, bundledPath, describeResolution, expandSetting, pathCandidates, resolveBinary } from "../../src/binary";

/** A probe over a fake file system: path → kind. */
function fakeFS(files: Record<string, ReturnType<Probe>>): Probe {
  return (p) => files[p] ?? "missing";
}

const EXT = "/ext/layerlint-0.1.0";
const BUNDLED = "/ext/layerlint-0.1.0/bin/linux-x64/layerlint";
const base = { extensionPath: EXT, platform: "linux", arch: "x64", envPath: "/usr/local/bin:/usr/bin", home: "/home/u" };

describe("resolveBinary", () => {
  it("takes layerlint.path when it is an executable", () => {
    const r = resolveBinary({ ...base, configured: "/opt/layerlint", probe: fakeFS({ "/opt/layerlint": "executable", [BUNDLED]: "executable" }) });
    assert.equal(r.binary, "/opt/layerlint");
    assert.equal(r.source, "setting");
    assert.equal(r.settingProblem, undefined);
    assert.deepEqual(r.candidates.map((c) => c.source), ["setting"]);
  });

  it("falls back to the bundled binary and reports a missing layerlint.path", () => {
    const r = resolveBinary({ ...base, configured: "/opt/nope", probe: fakeFS({ [BUNDLED]: "executable" }) });
    assert.equal(r.binary, BUNDLED);
    assert.equal(r.source, "bundled");
    assert.equal(r.settingProblem, 'layerlint.path "/opt/nope" not found');
  });

  it("reports a layerlint.path that is a directory or not executable", () => {
    let r = resolveBinary({ ...base, configured: "/opt", probe: fakeFS({ "/opt": "directory", [BUNDLED]: "executable" }) });
    assert.equal(r.settingProblem, 'layerlint.path "/opt" is a directory');
    r = resolveBinary({ ...base, configured: "/opt/ll", probe: fakeFS({ "/opt/ll": "not-executable", [BUNDLED]: "executable" }) });
    assert.equal(r.settingProblem, 'layerlint.path "/opt/ll" not executable');
  });

  it("uses the bundled binary for this platform when layerlint.path is empty", () => {
    const r = resolveBinary({ ...base, configured: "  ", probe: fakeFS({ [BUNDLED]: "executable", "/usr/bin/layerlint": "executable" }) });
    assert.equal(r.binary, BUNDLED);
    assert.deepEqual(r.candidates.map((c) => c.source), ["bundled"]);
  });

  it("restores a bundled binary's executable bit", () => {
    const fixed: string[] = [];
    const r = resolveBinary({
      ...base,
      probe: fakeFS({ [BUNDLED]: "not-executable" }),
      makeExecutable: (f) => (fixed.push(f), true),
    });
    assert.deepEqual(fixed, [BUNDLED]);
    assert.equal(r.binary, BUNDLED);
  });

  it("goes to PATH when nothing is bundled for the platform, first directory first", () => {
    const r = resolveBinary({
      ...base,
      arch: "riscv64",
      probe: fakeFS({ "/usr/bin/layerlint": "executable", "/usr/local/bin/layerlint": "not-executable" }),
    });
    assert.equal(r.binary, "/usr/bin/layerlint");
    assert.equal(r.source, "PATH");
    assert.match(r.candidates[0].verdict, /no binary bundled for linux-riscv64/);
    assert.deepEqual(
      r.candidates.map((c) => `${c.source} ${c.path} ${c.verdict}`),
      [
        "bundled /ext/layerlint-0.1.0/bin/linux-riscv64/layerlint not found (no binary bundled for linux-riscv64)",
        "PATH /usr/local/bin/layerlint not executable",
        "PATH /usr/bin/layerlint ok",
      ],
    );
  });

  it("finds nothing, and says where it looked", () => {
    const r = resolveBinary({ ...base, configured: "~/bin/layerlint", probe: fakeFS({}) });
    assert.equal(r.binary, undefined);
    assert.equal(r.settingProblem, 'layerlint.path "~/bin/layerlint" not found');
    const lines = describeResolution(r);
    assert.deepEqual(lines, [
      "looking for the layerlint binary:",
      "  setting /home/u/bin/layerlint: not found",
      "  bundled /ext/layerlint-0.1.0/bin/linux-x64/layerlint: not found (no binary bundled for linux-x64)",
      "  PATH    layerlint: not on PATH",
      "no layerlint binary found",
    ]);
  });

  it("never runs a binary from a relative PATH entry", () => {
    const r = resolveBinary({ ...base, arch: "none", envPath: ":.:bin", probe: fakeFS({ "bin/layerlint": "executable", layerlint: "executable" }) });
    assert.equal(r.binary, undefined);
    assert.equal(r.candidates.at(-1)?.verdict, "PATH is empty");
  });

  it("resolves on Windows with .exe and PATHEXT", () => {
    const bundled = bundledPath("C:\\ext", "win32", "x64");
    assert.equal(bundled, "C:\\ext\\bin\\win32-x64\\layerlint.exe");
    const r = resolveBinary({
      extensionPath: "C:\\ext",
      platform: "win32",
      arch: "arm64",
      envPath: "C:\\tools;C:\\go\\bin",
      envPathExt: ".COM;.EXE",
      probe: fakeFS({ "C:\\go\\bin\\layerlint.exe": "executable" }),
    });
    assert.equal(r.binary, "C:\\go\\bin\\layerlint.exe");
    assert.deepEqual(pathCandidates("win32", "C:\\tools", ".EXE;.CMD"), ["C:\\tools\\layerlint.exe", "C:\\tools\\layerlint.cmd"]);
  });
});

describe("expandSetting", () => {
  const opts = { platform: "linux", home: "/home/u", workspaceFolder: "/ws" };
  it("expands ~, ${userHome} and ${workspaceFolder}", () => {
    assert.deepEqual(expandSetting("~/go/bin/layerlint", opts), { path: "/home/u/go/bin/layerlint" });
    assert.deepEqual(expandSetting("${userHome}/layerlint", opts), { path: "/home/u/layerlint" });
    assert.deepEqual(expandSetting("${workspaceFolder}/bin/layerlint", opts), { path: "/ws/bin/layerlint" });
  });
  it("takes a relative path from the workspace folder", () => {
    assert.deepEqual(expandSetting("./bin/../bin/layerlint", opts), { path: "/ws/bin/layerlint" });
  });
  it("says why a setting cannot be resolved", () => {
    assert.deepEqual(expandSetting("bin/layerlint", { platform: "linux" }), {
      error: 'layerlint.path "bin/layerlint" is relative and no folder is open to resolve it against',
    });
    assert.deepEqual(expandSetting("${workspaceFolder}/x", { platform: "linux" }), {
      error: "layerlint.path uses ${workspaceFolder} but no folder is open",
    });
  });
});
