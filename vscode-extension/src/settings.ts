// The VS Code settings (section "layerlint") mapped to what the language
// server reads (lsp/settings.go, type Settings). VS Code hands the section
// over as it is written in settings.json, whose shape is made for people
// (`"layerlint.rules": {"DL3059": "off"}`, `"layerlint.shellcheck.enable"`);
// the server wants
//
//	{"rules": {"enable": [], "disable": [], "severity": {}, "options": {}},
//	 "codeLens": true, "buildContext": true, "shellcheck": false, "contexts": {}}
//
// so every workspace/configuration answer and the initializationOptions go
// through toServerSettings. Pure: unit-tested without VS Code.

/** The server's settings object (lsp/settings.go Settings, plus contexts). */
export interface ServerSettings {
  rules: {
    enable: string[];
    disable: string[];
    severity: Record<string, string>;
    options: Record<string, Record<string, unknown>>;
  };
  codeLens: boolean;
  buildContext: boolean;
  shellcheck: boolean;
  /** Dockerfile glob → build context directory, as in .layerlint.yaml. */
  contexts: Record<string, string>;
}

/** Reads one key of the "layerlint" section ("rules", "shellcheck.enable", ...). */
export type Reader = (key: string) => unknown;

export const SEVERITIES = ["error", "warning", "info", "hint"] as const;

export interface Mapped {
  settings: ServerSettings;
  /** Values that were skipped, worded for the output channel. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function bool(read: Reader, key: string, def: boolean, problems: string[]): boolean {
  const v = read(key);
  if (v === undefined || v === null) {
    return def;
  }
  if (typeof v !== "boolean") {
    problems.push(`layerlint.${key}: want true or false, got ${JSON.stringify(v)}`);
    return def;
  }
  return v;
}

/**
 * Adds one rule's setting to out. value is "on", "off", a severity, or
 * {severity?, options?}; rule names are passed on unchecked (the server
 * knows the IDs and aliases and reports unknown ones).
 */
function addRule(out: ServerSettings["rules"], rule: string, value: unknown, problems: string[]): void {
  const where = `layerlint.rules.${rule}`;
  let level: unknown = value;
  if (isObject(value)) {
    level = value.severity;
    const extra = Object.keys(value).filter((k) => k !== "severity" && k !== "options");
    if (extra.length) {
      problems.push(`${where}: unknown key${extra.length > 1 ? "s" : ""} ${extra.join(", ")} (want severity, options)`);
    }
    if (value.options !== undefined) {
      if (isObject(value.options)) {
        out.options[rule] = value.options;
      } else {
        problems.push(`${where}.options: want an object, got ${JSON.stringify(value.options)}`);
      }
    }
    if (level === undefined) {
      return;
    }
  }
  if (typeof level === "boolean") {
    level = level ? "on" : "off";
  }
  if (typeof level !== "string") {
    problems.push(`${where}: want "on", "off", a severity or an object, got ${JSON.stringify(value)}`);
    return;
  }
  const l = level.trim().toLowerCase();
  if (l === "on") {
    out.enable.push(rule);
  } else if (l === "off") {
    out.disable.push(rule);
  } else if ((SEVERITIES as readonly string[]).includes(l)) {
    // a severity turns an off-by-default rule on as well (rules.Config.Effective)
    out.severity[rule] = l;
  } else {
    problems.push(`${where}: "${level}" is not on, off, ${SEVERITIES.join(", ")}`);
  }
}

/** Maps the "layerlint" section, read key by key, to the server's settings. */
export function toServerSettings(read: Reader): Mapped {
  const problems: string[] = [];
  const settings: ServerSettings = {
    rules: { enable: [], disable: [], severity: {}, options: {} },
    codeLens: bool(read, "codeLens", true, problems),
    buildContext: bool(read, "buildContext.enable", true, problems),
    shellcheck: bool(read, "shellcheck.enable", false, problems),
    contexts: {},
  };

  const rules = read("rules");
  if (isObject(rules)) {
    for (const name of Object.keys(rules).sort()) {
      const rule = name.trim();
      if (!rule) {
        problems.push("layerlint.rules: an empty rule name");
        continue;
      }
      addRule(settings.rules, rule, rules[name], problems);
    }
  } else if (rules !== undefined && rules !== null) {
    problems.push(`layerlint.rules: want an object of rule settings, got ${JSON.stringify(rules)}`);
  }

  const contexts = read("contexts");
  if (isObject(contexts)) {
    // in the order written: the first matching glob wins, as in .layerlint.yaml
    for (const glob of Object.keys(contexts)) {
      const dir = contexts[glob];
      if (typeof dir === "string" && dir.trim() !== "" && glob.trim() !== "") {
        settings.contexts[glob.trim()] = dir.trim();
      } else {
        problems.push(`layerlint.contexts: "${glob}" needs a directory, got ${JSON.stringify(dir)}`);
      }
    }
  } else if (contexts !== undefined && contexts !== null) {
    problems.push(`layerlint.contexts: want an object of glob → directory, got ${JSON.stringify(contexts)}`);
  }
  return { settings, problems };
}

/** Every setting whose change the server must hear about (all but enable, path and trace). */
export const SERVER_KEYS = ["rules", "contexts", "codeLens", "buildContext", "shellcheck"] as const;

/**
 * The build context directory layerlint.contexts gives for a Dockerfile
 * (relative to folder), or undefined. The first glob that matches wins, as in
 * .layerlint.yaml; match is the glob matcher (VS Code's in the extension).
 */
export function contextFor(
  contexts: Record<string, string>,
  relDockerfile: string,
  match: (rel: string, glob: string) => boolean,
): string | undefined {
  const rel = relDockerfile.split("\\").join("/");
  for (const [glob, dir] of Object.entries(contexts)) {
    if (match(rel, glob.replace(/^\.\//, ""))) {
      return dir;
    }
  }
  return undefined;
}
