// Show Build Context: the command line and the report around its output.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { contextArgs, renderReport, resolveContextDir } from "../../src/buildContext";

describe("Show Build Context", () => {
  it("lets layerlint infer the context unless layerlint.contexts names one", () => {
    assert.deepEqual(contextArgs("/ws/app/Dockerfile", "/ws/app", undefined, "linux"), ["context", "--dockerfile", "Dockerfile"]);
    assert.deepEqual(contextArgs("/ws/app/Dockerfile", "/ws/app", "/ws", "linux"), ["context", "--dockerfile", "Dockerfile", ".."]);
    assert.deepEqual(contextArgs("/ws/app/Dockerfile", "/ws/app", "/ws/app", "linux"), ["context", "--dockerfile", "Dockerfile", "."]);
    assert.deepEqual(contextArgs("C:\\ws\\app\\Dockerfile", "C:\\ws\\app", "C:\\ws", "win32"), ["context", "--dockerfile", "Dockerfile", ".."]);
  });

  it("resolves a context directory against the workspace folder", () => {
    assert.equal(resolveContextDir(".", "/ws", "linux"), "/ws");
    assert.equal(resolveContextDir("services/../api", "/ws", "linux"), "/ws/api");
    assert.equal(resolveContextDir("/abs/dir/", "/ws", "linux"), "/abs/dir/");
    assert.equal(resolveContextDir("api", undefined, "linux"), undefined);
    assert.equal(resolveContextDir("api", "C:\\ws", "win32"), "C:\\ws\\api");
  });

  it("heads the report with the command, and notes unsaved changes and failures", () => {
    const ok = renderReport({
      binary: "/ext/bin/linux-x64/layerlint",
      args: ["context", "--dockerfile", "/ws/my app/Dockerfile"],
      cwd: "/ws/my app",
      stdout: "context:     .\n\n",
      stderr: "",
      exitCode: 0,
      dirty: false,
    });
    assert.equal(ok, "$ cd '/ws/my app' && /ext/bin/linux-x64/layerlint context --dockerfile '/ws/my app/Dockerfile'\n\ncontext:     .\n");
    const failed = renderReport({ binary: "layerlint", args: ["context"], cwd: "/ws", stdout: "", stderr: "layerlint: no such file\n", exitCode: 2, dirty: true });
    assert.equal(
      failed,
      "$ cd /ws && layerlint context\n(the Dockerfile has unsaved changes; this report reads the saved file)\n\n\nlayerlint: no such file\n\n(layerlint exited with status 2)\n",
    );
  });
});
