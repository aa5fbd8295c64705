// The VS Code settings → the server's settings (lsp/settings.go Settings).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { contextFor, toServerSettings } from "../../src/settings";

/** A reader over flat settings as VS Code's getConfiguration("layerlint").get(key) answers them. */
const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe("toServerSettings", () => {
  it("maps the defaults to the server's defaults", () => {
    const { settings, problems } = toServerSettings(reader({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      rules: { enable: [], disable: [], severity: {}, options: {} },
      codeLens: true,
      buildContext: true,
      shellcheck: false,
      contexts: {},
    });
  });

  it("uses the server's keys exactly", () => {
    const { settings } = toServerSettings(
      reader({ codeLens: false, "buildContext.enable": false, "shellcheck.enable": true, enable: true, path: "/x", "trace.server": "verbose" }),
    );
    // lsp/settings.go: json:"rules", "codeLens", "buildContext", "shellcheck"
    assert.deepEqual(Object.keys(settings).sort(), ["buildContext", "codeLens", "contexts", "rules", "shellcheck"]);
    assert.deepEqual(Object.keys(settings.rules).sort(), ["disable", "enable", "options", "severity"]);
    assert.equal(settings.codeLens, false);
    assert.equal(settings.buildContext, false);
    assert.equal(settings.shellcheck, true);
  });

  it("maps rule settings to enable, disable, severity and options", () => {
    const { settings, problems } = toServerSettings(
      reader({
        rules: {
          DL3059: "off",
          HealthcheckMissing: "on",
          PackageCacheNotCleaned: "error",
          CopyBeforeDependencyInstall: " Hint ",
          SingleStageBuild: false,
          AptPackageNotPinned: true,
          ContextBloat: { severity: "info", options: { threshold: "100MB" } },
          UntrustedRegistry: { options: { registries: ["docker.io"] } },
          ImageTagLatest: { severity: "off" },
        },
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.rules, {
      enable: ["AptPackageNotPinned", "HealthcheckMissing"],
      disable: ["DL3059", "ImageTagLatest", "SingleStageBuild"],
      severity: { ContextBloat: "info", CopyBeforeDependencyInstall: "hint", PackageCacheNotCleaned: "error" },
      options: { ContextBloat: { threshold: "100MB" }, UntrustedRegistry: { registries: ["docker.io"] } },
    });
  });

  it("skips what it cannot map and says why", () => {
    const { settings, problems } = toServerSettings(
      reader({
        rules: { A: "loud", B: 3, C: { severity: "error", level: 1 }, D: { options: "x" }, " ": "off" },
        codeLens: "yes",
        contexts: { "a/Dockerfile": "", "b/Dockerfile": 7, "c/*": "c" },
      }),
    );
    assert.deepEqual(problems, [
      "layerlint.codeLens: want true or false, got \"yes\"",
      "layerlint.rules: an empty rule name",
      'layerlint.rules.A: "loud" is not on, off, error, warning, info, hint',
      'layerlint.rules.B: want "on", "off", a severity or an object, got 3',
      "layerlint.rules.C: unknown key level (want severity, options)",
      'layerlint.rules.D.options: want an object, got "x"',
      'layerlint.contexts: "a/Dockerfile" needs a directory, got ""',
      'layerlint.contexts: "b/Dockerfile" needs a directory, got 7',
    ]);
    assert.equal(settings.codeLens, true);
    assert.deepEqual(settings.rules.severity, { C: "error" });
    assert.deepEqual(settings.contexts, { "c/*": "c" });
  });

  it("rejects settings of the wrong type as a whole", () => {
    const { settings, problems } = toServerSettings(reader({ rules: ["DL3059"], contexts: "." }));
    assert.deepEqual(settings.rules, { enable: [], disable: [], severity: {}, options: {} });
    assert.equal(problems.length, 2);
  });

  it("keeps contexts in the order written: the first match wins", () => {
    const { settings } = toServerSettings(reader({ contexts: { "services/*/Dockerfile": ".", "**": "other" } }));
    assert.deepEqual(Object.entries(settings.contexts), [
      ["services/*/Dockerfile", "."],
      ["**", "other"],
    ]);
    const glob = (rel: string, g: string) => new RegExp("^" + g.replace(/\*\*/g, "\0").replace(/\*/g, "[^/]*").replace(/\0/g, ".*") + "$").test(rel);
    assert.equal(contextFor(settings.contexts, "services/api/Dockerfile", glob), ".");
    assert.equal(contextFor(settings.contexts, "tools\\Dockerfile", glob), "other");
    assert.equal(contextFor({ "./a/Dockerfile": "a" }, "a/Dockerfile", glob), "a");
    assert.equal(contextFor({}, "Dockerfile", glob), undefined);
  });

  it("is deterministic, so the server sees an unchanged section as unchanged", () => {
    const values = { rules: { B: "off", A: "error" }, contexts: { x: "y" } };
    assert.equal(JSON.stringify(toServerSettings(reader(values)).settings), JSON.stringify(toServerSettings(reader({ ...values })).settings));
  });
});
