// The VS Code client of `layerlint lsp`. No lint logic lives here: it finds
// the binary, starts the server over stdio for Dockerfiles and ignore files,
// translates the settings the server pulls (settings.ts), and adds four
// commands: Restart Server, Show Build Context, Fix All and Show Output.
// The server is started when the first Dockerfile or ignore file opens.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { NOT_FOUND_MESSAGE, Probe, Resolution, describeResolution, resolveBinary } from "./binary";
import { SCHEME, contextArgs, renderReport, resolveContextDir } from "./buildContext";
import { contextFor, toServerSettings } from "./settings";

const SECTION = "layerlint";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("layerlint");

/** The documents the server lints: Dockerfiles by language or name, and ignore files. */
const DOCUMENT_SELECTOR: { scheme: string; language?: string; pattern?: string }[] = [
  { scheme: "file", language: "dockerfile" },
  { scheme: "untitled", language: "dockerfile" },
  { scheme: "file", pattern: "**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile*,*.containerfile}" },
  { scheme: "file", pattern: "**/{.dockerignore,.containerignore,*.dockerignore,*.containerignore}" },
];

let ext: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ext = new Extension(context);
  await ext.activate();
}

export async function deactivate(): Promise<void> {
  await ext?.stop();
  ext = undefined;
}

/** A file-system probe for resolveBinary. */
const probe: Probe = (file) => {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return "missing";
  }
  if (st.isDirectory()) {
    return "directory";
  }
  if (process.platform === "win32") {
    return "executable";
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return "executable";
  } catch {
    return "not-executable";
  }
};

class Extension {
  private readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.LanguageStatusItem;
  private client: LanguageClient | undefined;
  private resolution: Resolution | undefined;
  /** Serialises start, stop and restart. */
  private queue: Promise<void> = Promise.resolve();
  private waitingForDocument: vscode.Disposable | undefined;
  private readonly contextReports = new Map<string, string>();
  private readonly contextChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly reportedProblems = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel("layerlint", { log: true });
    this.status = vscode.languages.createLanguageStatusItem("layerlint", DOCUMENT_SELECTOR);
    this.status.name = "layerlint";
    this.status.command = { title: "Show Output", command: "layerlint.showOutput" };
    context.subscriptions.push(this.output, this.status, this.contextChanged);
  }

  async activate(): Promise<void> {
    const version = (this.context.extension.packageJSON as { version?: string }).version ?? "?";
    this.output.info(`layerlint extension ${version} (VS Code ${vscode.version}, ${process.platform}-${process.arch})`);
    const subs = this.context.subscriptions;
    subs.push(
      vscode.commands.registerCommand("layerlint.restartServer", () => this.restart()),
      vscode.commands.registerCommand("layerlint.showBuildContext", () => this.showBuildContext()),
      vscode.commands.registerCommand("layerlint.fixAll", () => this.fixAll()),
      vscode.commands.registerCommand("layerlint.showOutput", () => this.output.show(true)),
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
        onDidChange: this.contextChanged.event,
        provideTextDocumentContent: (uri) => this.contextReports.get(uri.toString()) ?? "",
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
    );
    this.startWhenNeeded();
  }

  /** Starts the server now when a document it lints is open, else on the first one that opens. */
  private startWhenNeeded(): void {
    if (vscode.workspace.textDocuments.some((d) => this.lints(d))) {
      this.enqueue(() => this.doStart());
      return;
    }
    this.setStatus("idle", "starts when a Dockerfile opens");
    this.waitingForDocument?.dispose();
    this.waitingForDocument = vscode.workspace.onDidOpenTextDocument((d) => {
      if (this.lints(d)) {
        this.waitingForDocument?.dispose();
        this.waitingForDocument = undefined;
        this.enqueue(() => this.doStart());
      }
    });
    this.context.subscriptions.push(this.waitingForDocument);
  }

  private lints(d: vscode.TextDocument): boolean {
    return vscode.languages.match(DOCUMENT_SELECTOR, d) > 0;
  }

  private enqueue(f: () => Promise<void>): Promise<void> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>("enable", true);
  }

  private setStatus(state: "idle" | "running" | "stopped" | "error", detail: string): void {
    this.status.text = state === "running" ? "layerlint" : `layerlint: ${state}`;
    this.status.detail = detail;
    this.status.severity = state === "error" ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.status.busy = false;
  }

  private resolve(): Resolution {
    const configured = vscode.workspace.getConfiguration(SECTION).get<string>("path", "");
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file");
    const r = resolveBinary({
      configured,
      extensionPath: this.context.extensionPath,
      platform: process.platform,
      arch: process.arch,
      envPath: process.env.PATH,
      envPathExt: process.env.PATHEXT,
      home: os.homedir(),
      workspaceFolder: folder?.uri.fsPath,
      probe,
      makeExecutable: (file) => {
        try {
          fs.chmodSync(file, 0o755);
          this.output.info(`made ${file} executable`);
          return probe(file) === "executable";
        } catch (e) {
          this.output.warn(`cannot make ${file} executable: ${String(e)}`);
          return false;
        }
      },
    });
    for (const line of describeResolution(r)) {
      this.output.info(line);
    }
    return r;
  }

  private async doStart(): Promise<void> {
    if (this.client) {
      return;
    }
    if (!this.enabled()) {
      this.output.info("layerlint.enable is false: the server is not started");
      this.setStatus("stopped", "layerlint.enable is false");
      return;
    }
    const r = (this.resolution = this.resolve());
    if (!r.binary) {
      this.setStatus("error", "no layerlint binary found");
      void vscode.window.showErrorMessage(NOT_FOUND_MESSAGE, "Open Settings", "Show Output").then((choice) => {
        if (choice === "Open Settings") {
          void vscode.commands.executeCommand("workbench.action.openSettings", "layerlint.path");
        } else if (choice === "Show Output") {
          this.output.show(true);
        }
      });
      return;
    }
    if (r.settingProblem) {
      this.output.warn(`${r.settingProblem}; using ${r.binary} instead`);
      void vscode.window
        .showWarningMessage(`layerlint: ${r.settingProblem}; using ${r.binary} instead.`, "Open Settings")
        .then((choice) => {
          if (choice) {
            void vscode.commands.executeCommand("workbench.action.openSettings", "layerlint.path");
          }
        });
    }

    const serverOptions: ServerOptions = { command: r.binary, args: ["lsp"] };
    // assigned below; the middleware only runs once the client exists
    let client: LanguageClient;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: "layerlint",
      initializationOptions: () => this.serverSettings(undefined),
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        workspace: {
          // The server pulls the "layerlint" section; VS Code's shape is
          // translated into the server's (settings.ts). Other sections pass.
          configuration: async (params, token, next) => {
            const mine = (i: { section?: string }) => i.section === SECTION;
            let passed: unknown[] = [];
            if (!params.items.every(mine)) {
              const res = await next(params, token);
              if (res instanceof ResponseError) {
                return res;
              }
              passed = res;
            }
            return params.items.map((item, i) => (mine(item) ? this.serverSettings(item.scopeUri) : passed[i]));
          },
          // The server registers for configuration changes and pulls on
          // each one; send no payload (VS Code's shape is not the server's),
          // and nothing to a client being stopped for enable or path.
          didChangeConfiguration: async (_sections, next) => {
            if (this.client === client && client.isRunning()) {
              await next(undefined);
            }
          },
        },
      },
    };
    client = new LanguageClient("layerlint", "layerlint", serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped && this.client === client) {
        this.setStatus("stopped", "the server stopped; run 'layerlint: Restart Server'");
      }
    });
    this.client = client;
    this.status.busy = true;
    try {
      await client.start();
    } catch (e) {
      this.client = undefined;
      this.output.error(`the server did not start: ${String(e)}`);
      this.setStatus("error", "the server did not start");
      void vscode.window.showErrorMessage(`layerlint: the server (${r.binary} lsp) did not start: ${String(e)}`, "Show Output").then((c) => {
        if (c) {
          this.output.show(true);
        }
      });
      return;
    }
    const info = client.initializeResult?.serverInfo;
    const desc = `${info?.name ?? "layerlint"} ${info?.version ?? ""}`.trim();
    this.output.info(`started ${desc}: ${r.binary} lsp`);
    this.setStatus("running", `${desc} (${r.source === "setting" ? "layerlint.path" : r.source === "bundled" ? "bundled" : "PATH"})`);
  }

  /** Stops the running server. The client is detached at once, so nothing more is sent to it. */
  stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    return this.stopClient(client);
  }

  private async stopClient(client: LanguageClient | undefined): Promise<void> {
    if (client && client.state !== State.Stopped) {
      try {
        await client.stop(5000);
      } catch (e) {
        this.output.warn(`stopping the server: ${String(e)}`);
      }
    }
  }

  private restart(): Promise<void> {
    this.output.info("restarting the server");
    const client = this.client;
    this.client = undefined;
    return this.enqueue(async () => {
      await this.stopClient(client);
      await this.doStart();
    });
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(`${SECTION}.enable`)) {
      if (this.enabled()) {
        this.output.info("layerlint.enable turned on");
        this.startWhenNeeded();
      } else {
        this.output.info("layerlint.enable turned off: stopping the server");
        const client = this.client;
        this.client = undefined;
        void this.enqueue(async () => {
          await this.stopClient(client);
          this.setStatus("stopped", "layerlint.enable is false");
        });
      }
      return;
    }
    if (e.affectsConfiguration(`${SECTION}.path`) && this.client) {
      this.output.info("layerlint.path changed");
      void this.restart();
    }
    // every other setting reaches the running server through
    // workspace/didChangeConfiguration and its workspace/configuration pull
  }

  /** The server's settings for a scope (a folder URI), logging what was skipped. */
  private serverSettings(scopeUri: string | undefined): object {
    const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
    const cfg = vscode.workspace.getConfiguration(SECTION, scope);
    const { settings, problems } = toServerSettings((k) => cfg.get(k));
    for (const p of problems) {
      if (!this.reportedProblems.has(p)) {
        this.reportedProblems.add(p);
        this.output.warn(p);
        void vscode.window.showWarningMessage(`layerlint: ${p}`);
      }
    }
    return settings;
  }

  /** The Dockerfile the commands act on: the active editor's. */
  private activeDockerfile(command: string): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.lints(doc) || doc.languageId === "ignore" || /ignore$/i.test(doc.fileName)) {
      void vscode.window.showInformationMessage(`layerlint: ${command} works on the Dockerfile in the active editor; open one first.`);
      return undefined;
    }
    return doc;
  }

  private async fixAll(): Promise<void> {
    const doc = this.activeDockerfile("Fix All");
    if (!doc) {
      return;
    }
    if (!this.client) {
      void vscode.window.showWarningMessage("layerlint: the server is not running; see 'layerlint: Show Output'.");
      return;
    }
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, whole, FIX_ALL_KIND.value)) ?? [];
    const fix = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
    if (!fix || (!fix.edit && !fix.command)) {
      vscode.window.setStatusBarMessage("layerlint: nothing to fix", 4000);
      this.output.info(`Fix All: nothing to fix in ${doc.uri.fsPath || doc.uri.toString()}`);
      return;
    }
    if (fix.edit && !(await vscode.workspace.applyEdit(fix.edit))) {
      void vscode.window.showErrorMessage("layerlint: the fixes could not be applied (the document changed meanwhile?)");
      return;
    }
    if (fix.command) {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    }
    this.output.info(`Fix All: ${fix.title}`);
  }

  private async showBuildContext(): Promise<void> {
    const doc = this.activeDockerfile("Show Build Context");
    if (!doc) {
      return;
    }
    if (doc.uri.scheme !== "file") {
      void vscode.window.showInformationMessage("layerlint: save the Dockerfile first; the build context is read from disk.");
      return;
    }
    const r = this.resolution?.binary ? this.resolution : (this.resolution = this.resolve());
    if (!r.binary) {
      void vscode.window.showErrorMessage(NOT_FOUND_MESSAGE, "Open Settings").then((c) => {
        if (c) {
          void vscode.commands.executeCommand("workbench.action.openSettings", "layerlint.path");
        }
      });
      return;
    }
    const file = doc.uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    let dir: string | undefined;
    if (folder) {
      const { settings } = toServerSettings((k) => vscode.workspace.getConfiguration(SECTION, doc.uri).get(k));
      const rel = path.relative(folder.uri.fsPath, file);
      // VS Code's own glob matcher, relative to the folder
      const mapped = contextFor(settings.contexts, rel, (_rel, glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, doc) > 0);
      if (mapped) {
        dir = resolveContextDir(mapped, folder.uri.fsPath);
      }
    }
    const cwd = path.dirname(file);
    const args = contextArgs(file, cwd, dir);
    const binary = r.binary;
    this.output.info(`Show Build Context: ${binary} ${args.join(" ")}`);
    const result = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      execFile(binary, args, { cwd, timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : null) : 0;
        if (err && code === null) {
          stderr = `${stderr}${stderr ? "\n" : ""}${err.message}`;
        }
        resolve({ stdout, stderr, code });
      });
    });
    const text = renderReport({ binary, args, cwd, stdout: result.stdout, stderr: result.stderr, exitCode: result.code, dirty: doc.isDirty });
    const rel = folder ? path.relative(folder.uri.fsPath, file) : path.basename(file);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${rel.split(path.sep).join("/")} (build context)`, query: file });
    const known = this.contextReports.has(uri.toString());
    this.contextReports.set(uri.toString(), text);
    if (known) {
      this.contextChanged.fire(uri);
    }
    const shown = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(shown, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    if (result.code !== 0) {
      void vscode.window.showWarningMessage(`layerlint context exited with ${result.code === null ? "an error" : `status ${result.code}`}; the report says why.`);
    }
  }
}
