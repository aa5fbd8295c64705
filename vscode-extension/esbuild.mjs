// Bundles the extension into out/extension.js (vscode stays external: the
// editor provides it); with --tests, also each test/unit/*.test.ts into
// out/test/unit/ for `node --test`.
import { build } from "esbuild";
import { readdirSync } from "node:fs";

const tests = process.argv.includes("--tests");
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning" };

if (tests) {
  const entryPoints = readdirSync("test/unit").filter((f) => f.endsWith(".test.ts")).map((f) => `test/unit/${f}`);
  await build({ ...common, entryPoints, outdir: "out/test/unit", sourcemap: "inline" });
} else {
  await build({
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "out/extension.js",
    external: ["vscode"],
    minify: true,
    keepNames: true,
    legalComments: "linked",
  });
}
