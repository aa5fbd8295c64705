// The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100) with
// the built VSIX installed, driven in Chromium through playwright-core. The
// fixture workspace (testdata/vscode) is copied and opened; the tests run in
// order on one workbench and check what a person would see: the Problems
// panel, the hover, a quick fix, a settings change, Fix All, the build
// context report and the output channel. Screenshots and logs go to
// ARTIFACTS (default vscode-extension/test-artifacts/).
//
// Env: CODE_SERVER_ENTRY (code-server's out/node/entry.js, required),
// LAYERLINT_VSIX (default: the newest dist/layerlint-*.vsix), CHROMIUM
// (default /usr/bin/chromium), ARTIFACTS, KEEP_TMP=1 (keep the temporary
// folder).

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { Workbench, waitFor } from "./workbench.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const extDir = join(here, "..", "..");
const repo = join(extDir, "..");
const artifacts = process.env.ARTIFACTS || join(extDir, "test-artifacts");
mkdirSync(artifacts, { recursive: true });

function newestVsix() {
  const dist = join(extDir, "dist");
  const files = existsSync(dist) ? readdirSync(dist).filter((f) => /^layerlint-.*\.vsix$/.test(f)) : [];
  files.sort((a, b) => statSync(join(dist, b)).mtimeMs - statSync(join(dist, a)).mtimeMs);
  return files.length ? join(dist, files[0]) : undefined;
}

const entry = process.env.CODE_SERVER_ENTRY;
const vsix = process.env.LAYERLINT_VSIX || newestVsix();
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
for (const [what, p] of [
  ["CODE_SERVER_ENTRY (code-server's out/node/entry.js)", entry],
  ["LAYERLINT_VSIX (run make vsix)", vsix],
  ["CHROMIUM", chromium],
]) {
  if (!p || !existsSync(p)) {
    throw new Error(`missing ${what}: ${p ?? "not set"}`);
  }
}

const wb = new Workbench({ codeServer: entry, vsix, fixture: join(repo, "testdata", "vscode"), chromium });
/** @type {import("playwright-core").Page} */
let page;

/** Runs a test body; on failure saves a screenshot named after the test. */
function uiTest(name, fn) {
  test(name, { timeout: 90_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      const file = join(artifacts, `failed-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`);
      await page?.screenshot({ path: file }).catch(() => {});
      throw e;
    }
  });
}

async function shot(name) {
  const t0 = Date.now();
  await page.screenshot({ path: join(artifacts, name), animations: "disabled", caret: "initial" });
  console.log(`screenshot ${name}: ${Date.now() - t0} ms`);
}

/** Every row of the Problems panel (scrolled through: the list is virtual). */
async function problems() {
  await page.locator(".markers-panel").first().waitFor();
  const list = page.locator(".markers-panel .monaco-list").first();
  // an empty panel hides the list and says "No problems have been detected"
  if (!(await list.isVisible())) return [];
  const box = await list.boundingBox();
  const seen = new Map();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -10_000);
  await page.waitForTimeout(50);
  for (let i = 0; i < 30; i++) {
    const rows = await list.evaluate((el) =>
      [...el.querySelectorAll(".monaco-list-row")].map((r) => {
        const t = (s) => r.querySelector(s)?.textContent.trim() ?? null;
        const icon = r.querySelector(".marker-icon")?.className ?? "";
        return {
          index: Number(r.getAttribute("data-index")),
          code: t(".marker-code"),
          source: t(".marker-source"),
          message: t(".marker-message"),
          pos: t(".marker-line"),
          severity: /\berror\b/.test(icon) ? "error" : /\bwarning\b/.test(icon) ? "warning" : /\binfo\b/.test(icon) ? "info" : null,
        };
      }),
    );
    let added = 0;
    for (const r of rows) {
      if (!seen.has(r.index)) {
        seen.set(r.index, r);
        added++;
      }
    }
    if (i > 0 && added === 0) break;
    await page.mouse.wheel(0, box.height * 0.7);
    await page.waitForTimeout(50);
  }
  await page.mouse.wheel(0, -10_000);
  return [...seen.values()].sort((a, b) => a.index - b.index).filter((r) => r.code || r.source);
}

/** Waits until the Problems panel satisfies ok(rows); returns the rows. */
async function problemsUntil(what, ok, timeoutMs = 30_000) {
  let last = [];
  try {
    return await waitFor(what, timeoutMs, async () => {
      last = await problems();
      return ok(last) ? last : undefined;
    });
  } catch (e) {
    e.message += `\nProblems panel:\n${last.map((r) => `  ${r.severity} ${r.source}(${r.code}) ${r.pos} ${r.message}`).join("\n")}`;
    throw e;
  }
}

const codes = (rows) => rows.filter((r) => r.source === "layerlint").map((r) => r.code);

/** The text of the editor showing a file (its visible lines, in order). */
async function editorText(match) {
  return page.evaluate((match) => {
    for (const ed of document.querySelectorAll(".editor-instance .monaco-editor")) {
      const lines = [...ed.querySelectorAll(".view-lines .view-line")]
        .map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, " ") }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text);
      const text = lines.join("\n");
      if (text.includes(match)) return text;
    }
    return null;
  }, match);
}

/**
 * The layerlint output channel's text: the log file VS Code writes for it
 * (the Output view is virtual and wraps lines).
 */
async function outputText() {
  const file = wb.find(/layerlint\.log$/, "exthost");
  return file ? readFileSync(file, "utf8") : "";
}

/** Runs a command from the command palette by its title. */
async function runCommand(title) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor();
  await input.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** The screen box of the first occurrence of text on a line of the Dockerfile editor. */
async function tokenBox(lineStart, token) {
  const line = page.locator(".editor-instance .monaco-editor .view-lines .view-line", { hasText: lineStart }).first();
  const box = await line.boundingBox();
  const text = (await line.textContent()).replace(/\u00a0/g, " ");
  const col = text.indexOf(token);
  assert.ok(col >= 0, `"${token}" not on the line "${text}"`);
  const charWidth = box.width / Math.max(text.length, 1);
  return { x: box.x + charWidth * (col + Math.min(token.length, 4) / 2), y: box.y + box.height / 2 };
}

before(async () => {
  await wb.start();
  page = wb.page;
  const item = page.getByRole("treeitem", { name: /^Dockerfile\b/ }).first();
  await item.click();
  await page.waitForSelector(".editor-instance .monaco-editor .view-lines");
  await page.keyboard.press("Control+Shift+M");
  await page.waitForSelector(".markers-panel");
}, { timeout: 180_000 });

after(async () => {
  await wb.stop();
  wb.cleanup(artifacts);
});

uiTest("the Problems panel lists layerlint's findings with their rule IDs", async () => {
  const t0 = Date.now();
  const want = ["SingleStageBuild", "FromAsCasing", "MaintainerDeprecated", "UpdateWithoutInstall", "PackageCacheNotCleaned", "JSONArgsRecommended"];
  const rows = await problemsUntil(`layerlint findings ${want.join(", ")}`, (rs) => want.every((c) => codes(rs).includes(c)));
  const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
  assert.equal(byCode.MaintainerDeprecated.source, "layerlint");
  assert.equal(byCode.MaintainerDeprecated.pos, "[Ln 2, Col 1]");
  assert.equal(byCode.MaintainerDeprecated.severity, "warning");
  assert.match(byCode.MaintainerDeprecated.message, /^MAINTAINER is deprecated/);
  assert.equal(byCode.FromAsCasing.pos, "[Ln 1, Col 28]");
  assert.equal(byCode.JSONArgsRecommended.pos, "[Ln 10, Col 5]");
  console.log(`problems listed ${Date.now() - t0} ms after the editor opened`);
  // the build-context tier ran too: code lenses on COPY
  await page.locator(".contentWidgets .codelens-decoration, .codelens-decoration", { hasText: /brings \d+ files?/ }).first().waitFor();
  console.log(`code lenses ${Date.now() - t0} ms after the editor opened`);
  await shot("problems.png");
});

uiTest("hover on a finding shows its rule's documentation", async () => {
  const p = await tokenBox("MAINTAINER", "MAINTAINER");
  await page.mouse.move(p.x, p.y - 40);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  // VS Code shows the problem first and adds the server's hover (the rule's
  // documentation) when it arrives
  const hover = page.locator(".monaco-hover:visible", { hasText: "MAINTAINER only sets the image's legacy Author field" }).first();
  await hover.waitFor();
  const text = await hover.textContent();
  assert.match(text, /MaintainerDeprecated/);
  assert.match(text, /LABEL org\.opencontainers\.image\.authors="Jane Doe <jane@example\.com>"/);
  await shot("hover.png");
  await page.mouse.move(5, 300);
  await page.keyboard.press("Escape");
});

uiTest("a quick fix applies and its warning disappears", async () => {
  const p = await tokenBox("MAINTAINER", "MAINTAINER");
  await page.mouse.click(p.x, p.y);
  await page.mouse.move(5, 300);
  await page.keyboard.press("Control+.");
  const title = "Replace with LABEL org.opencontainers.image.authors";
  const action = page.locator(".action-widget .monaco-list-row", { hasText: title }).first();
  await action.waitFor();
  // the other actions the server offers on the same finding
  const menu = await page.locator(".action-widget").first().textContent();
  assert.match(menu, /Ignore MaintainerDeprecated for this instruction/);
  assert.match(menu, /Show documentation for MaintainerDeprecated/);
  await shot("quick-fix.png");
  // the safe fix is the preferred one: focused first, applied with Enter
  assert.match(await action.getAttribute("class"), /\bfocused\b/);
  await page.keyboard.press("Enter");
  await page.locator(".action-widget").first().waitFor({ state: "hidden" });
  await waitFor("the fix in the editor", 10_000, async () => (await editorText("org.opencontainers.image.authors")) !== null);
  assert.match(await editorText("org.opencontainers.image.authors"), /^LABEL org\.opencontainers\.image\.authors="Jane Doe <jane@example\.com>"$/m);
  await problemsUntil("MaintainerDeprecated gone, the others still there", (rs) => !codes(rs).includes("MaintainerDeprecated") && codes(rs).includes("FromAsCasing"));
  await page.keyboard.press("Control+s");
  await waitFor("the fix saved", 10_000, () => /^LABEL org\.opencontainers\.image\.authors=/m.test(wb.read("Dockerfile")));
});

uiTest("a settings change reaches the server without a restart", async () => {
  wb.write(".vscode/settings.json", JSON.stringify({ "layerlint.rules": { SingleStageBuild: "off", DL3025: "error" } }, null, 2));
  const rows = await problemsUntil(
    "SingleStageBuild off and JSONArgsRecommended (DL3025) an error",
    (rs) => !codes(rs).includes("SingleStageBuild") && rs.some((r) => r.code === "JSONArgsRecommended" && r.severity === "error"),
  );
  assert.ok(codes(rows).includes("FromAsCasing"));
});

/** Closes menus and widgets, then focuses the Dockerfile's editor. */
async function focusDockerfile() {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.locator(".tab", { hasText: /^Dockerfile/ }).first().click();
  await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
}

uiTest("Fix All applies every safe fix", async () => {
  await focusDockerfile();
  await runCommand("layerlint: Fix All");
  await problemsUntil("FromAsCasing and UpdateWithoutInstall fixed", (rs) => {
    const c = codes(rs);
    return !c.includes("FromAsCasing") && !c.includes("UpdateWithoutInstall") && c.includes("JSONArgsRecommended");
  });
  const text = await editorText("FROM node");
  assert.match(text, /^FROM node:20-bookworm-slim AS build$/m);
  assert.match(text, /^RUN apt-get update && apt-get install/m);
});

uiTest("Show Build Context opens layerlint context's report", async () => {
  await focusDockerfile();
  await runCommand("layerlint: Show Build Context");
  const text = await waitFor("the build-context report", 30_000, () => editorText("COPY/ADD:"));
  assert.match(text, /layerlint context --dockerfile Dockerfile$/m);
  assert.match(text, /^ignore file: \.dockerignore \(1 pattern\)$/m);
  assert.match(text, /COPY package\.json package-lock\.json \.\//);
  await page.locator(".tab", { hasText: "Dockerfile (build context)" }).first().waitFor();
  await shot("build-context.png");
});

uiTest("the output channel says which binary runs", async () => {
  await runCommand("layerlint: Show Output");
  await page.locator(".panel .monaco-editor .view-line", { hasText: "looking for the layerlint binary" }).first().waitFor();
  const text = await waitFor("the layerlint output channel", 20_000, async () => {
    const t = await outputText();
    return /using \S+\/bin\/linux-x64\/layerlint \(bundled\)/.test(t) ? t : undefined;
  });
  await shot("output.png");
  // one start: the settings change above did not restart the server
  assert.equal(text.match(/\[info\] started layerlint/g)?.length, 1, text);
});

uiTest("a wrong layerlint.path is reported and the bundled binary takes over", async () => {
  const settings = JSON.parse(wb.read(".vscode/settings.json"));
  wb.write(".vscode/settings.json", JSON.stringify({ ...settings, "layerlint.path": "/nonexistent/layerlint" }, null, 2));
  const toast = page.locator(".notification-toast", { hasText: 'layerlint.path "/nonexistent/layerlint" not found' }).first();
  await toast.waitFor();
  assert.match(await toast.textContent(), /using \S+\/bin\/linux-x64\/layerlint instead/);
  await shot("path-warning.png");
  // the restarted server lints again
  await focusDockerfile();
  await page.keyboard.press("Control+Shift+M");
  await problemsUntil("JSONArgsRecommended from the restarted server", (rs) => codes(rs).includes("JSONArgsRecommended"));
  await runCommand("Notifications: Clear All Notifications");
  // a restart for the path is clean: nothing failed on the way
  const log = await outputText();
  assert.doesNotMatch(log, /Starting server failed|didChangeConfiguration failed/);
});

uiTest("layerlint.enable false stops the server and true starts it again", async () => {
  const settings = JSON.parse(wb.read(".vscode/settings.json"));
  delete settings["layerlint.path"];
  wb.write(".vscode/settings.json", JSON.stringify({ ...settings, "layerlint.enable": false }, null, 2));
  await problemsUntil("no layerlint findings", (rs) => codes(rs).length === 0);
  wb.write(".vscode/settings.json", JSON.stringify({ ...settings, "layerlint.enable": true }, null, 2));
  await problemsUntil("layerlint findings again", (rs) => codes(rs).includes("JSONArgsRecommended"));
});

/** Opens a workspace file with Quick Open; returns the status bar's language mode once it is want (or after 5 s). */
async function openFile(name, want) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+p");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
  await input.press("Enter");
  await page.locator(".tab.active", { hasText: name }).waitFor();
  // the status bar follows the active editor a moment later
  const mode = page.locator("#status\\.editor\\.mode");
  let text = "";
  await waitFor(`language mode ${want}`, 5_000, async () => (text = (await mode.textContent()).trim()) === want).catch(() => {});
  return text;
}

uiTest("file associations: *.Dockerfile and Containerfile.* are Dockerfiles, Dockerfile.dockerignore is an ignore file", async () => {
  wb.write("web.Dockerfile", "FROM alpine:3.20\nMAINTAINER web@example.com\n");
  wb.write("Containerfile.dev", "FROM alpine:3.20 as dev\n");
  wb.write("Dockerfile.dockerignore", "README.md\n");
  assert.equal(await openFile("web.Dockerfile", "Docker"), "Docker");
  assert.equal(await openFile("Containerfile.dev", "Docker"), "Docker");
  assert.equal(await openFile("Dockerfile.dockerignore", "Ignore"), "Ignore");
  await page.keyboard.press("Control+Shift+M");
  await problemsUntil("findings in web.Dockerfile and Containerfile.dev", (rs) => {
    const c = codes(rs);
    return c.includes("MaintainerDeprecated") && c.includes("FromAsCasing");
  });
});
