// A private code-server with the layerlint VSIX installed, and a Chromium
// page on its workbench, for the UI test. Everything code-server writes
// (settings, extensions, logs, caches) stays in one temporary folder, it
// listens on a free loopback port without authentication, telemetry and
// update checks are off, and stop() ends its whole process group.

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(what, timeoutMs, f) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

export class Workbench {
  /**
   * @param {object} o
   * @param {string} o.codeServer  code-server's out/node/entry.js
   * @param {string} o.vsix        the VSIX to install
   * @param {string} o.fixture     the workspace folder to copy and open
   * @param {string} o.chromium    the browser executable
   * @param {object} [o.settings]  user settings besides the test defaults
   */
  constructor(o) {
    this.o = o;
    this.tmp = mkdtempSync(join(tmpdir(), "layerlint-vscode-e2e-"));
    this.ws = join(this.tmp, "ws");
    this.proc = undefined;
    this.browser = undefined;
    this.page = undefined;
  }

  log(name) {
    return join(this.tmp, name);
  }

  async start() {
    const { tmp } = this;
    cpSync(this.o.fixture, this.ws, { recursive: true });
    const ud = join(tmp, "user-data");
    const ext = join(tmp, "extensions");
    mkdirSync(join(ud, "User"), { recursive: true });
    mkdirSync(join(ud, "Machine"), { recursive: true });
    mkdirSync(ext, { recursive: true });
    const settings = {
      "security.workspace.trust.enabled": false,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.enableExperiments": false,
      "workbench.colorTheme": "Default Dark Modern",
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "extensions.ignoreRecommendations": true,
      "chat.commandCenter.enabled": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "editor.minimap.enabled": false,
      "editor.hover.delay": 200,
      "files.autoSave": "off",
      ...this.o.settings,
    };
    writeFileSync(join(ud, "User", "settings.json"), JSON.stringify(settings, null, 1));
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: join(tmp, "xdg", "config"),
      XDG_DATA_HOME: join(tmp, "xdg", "data"),
      XDG_CACHE_HOME: join(tmp, "xdg", "cache"),
    };
    this.env = env;
    const common = ["--config", join(tmp, "config.yaml"), "--user-data-dir", ud, "--extensions-dir", ext];

    const inst = spawnSync(process.execPath, [this.o.codeServer, ...common, "--install-extension", this.o.vsix], {
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    writeFileSync(this.log("install-extension.log"), `${inst.stdout}\n${inst.stderr}`);
    if (inst.status !== 0 || !/successfully installed/i.test(inst.stdout + inst.stderr)) {
      throw new Error(`--install-extension failed (status ${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
    }

    const port = await freePort();
    this.url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(this.ws)}`;
    const out = join(tmp, "code-server.log");
    // its own process group, so stop() ends code-server and everything it started
    this.proc = spawn(
      process.execPath,
      [
        this.o.codeServer,
        ...common,
        "--bind-addr",
        `127.0.0.1:${port}`,
        "--auth",
        "none",
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--disable-getting-started-override",
        this.ws,
      ],
      { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.csLog = [];
    for (const s of [this.proc.stdout, this.proc.stderr]) s.on("data", (d) => this.csLog.push(String(d)));
    let exited = false;
    this.proc.on("exit", () => (exited = true));
    await waitFor("code-server's /healthz", 60_000, async () => {
      if (exited) throw new Error(`code-server exited:\n${this.csLog.join("")}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    });
    writeFileSync(out, this.csLog.join(""));

    this.browser = await chromium.launch({ executablePath: this.o.chromium, args: ["--no-sandbox", "--disable-gpu"] });
    const context = await this.browser.newContext({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1 });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(30_000);
    await this.page.goto(this.url);
    await this.page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    return this;
  }

  async stop() {
    try {
      await this.browser?.close();
    } catch {}
    if (this.proc?.pid && this.proc.exitCode === null) {
      try {
        process.kill(-this.proc.pid, "SIGTERM");
      } catch {}
      await new Promise((r) => {
        const t = setTimeout(r, 5000);
        this.proc.once("exit", () => (clearTimeout(t), r()));
      });
      try {
        process.kill(-this.proc.pid, "SIGKILL");
      } catch {}
    }
    if (this.csLog) writeFileSync(this.log("code-server.log"), this.csLog.join(""));
  }

  /** Copies the logs worth keeping into dir, then removes the temporary folder. */
  cleanup(keepLogsIn) {
    if (keepLogsIn) {
      mkdirSync(keepLogsIn, { recursive: true });
      for (const f of ["code-server.log", "install-extension.log"]) {
        if (existsSync(this.log(f))) cpSync(this.log(f), join(keepLogsIn, f));
      }
      // the extension host's log of the layerlint output channel
      const channel = this.find(/layerlint\.log$/, "exthost");
      if (channel) cpSync(channel, join(keepLogsIn, "output-channel-layerlint.log"));
    }
    if (process.env.KEEP_TMP === "1") {
      console.error(`kept ${this.tmp}`);
    } else {
      rmSync(this.tmp, { recursive: true, force: true });
    }
  }

  /** The first file under the temporary folder whose path has dir in it and whose name matches re. */
  find(re, dir) {
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) {
          const found = walk(p);
          if (found) return found;
        } else if (re.test(e.name) && p.includes(dir)) {
          return p;
        }
      }
      return undefined;
    };
    return walk(this.tmp);
  }

  /** Reads a file of the workspace copy. */
  read(rel) {
    return readFileSync(join(this.ws, rel), "utf8");
  }

  write(rel, text) {
    mkdirSync(join(this.ws, rel, ".."), { recursive: true });
    writeFileSync(join(this.ws, rel), text);
  }
}

export { waitFor };
