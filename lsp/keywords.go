package lsp

// keywordDoc is the hover text of an instruction keyword: what the
// instruction does and how it behaves in BuildKit's build cache.
type keywordDoc struct {
	does  string
	cache string
}

var keywordDocs = map[string]keywordDoc{
	"from": {
		does:  "Starts a build stage from a base image (or from an earlier stage by name). `AS name` names the stage for `COPY --from` and `--target`; `--platform` picks the variant of a multi-platform image.",
		cache: "Everything after a FROM builds on the base image's digest. A moving tag (`latest`, `3`) can resolve to a new digest, which invalidates every step of the stage; pin `image@sha256:…` for repeatable builds.",
	},
	"run": {
		does:  "Runs a command in a new layer on top of the stage and keeps the filesystem changes. Shell form runs through the stage's SHELL (`/bin/sh -c`); exec form (`[\"cmd\", \"arg\"]`) runs the program directly. `--mount` gives the step caches, secrets, SSH agents or other stages' files without putting them in the layer.",
		cache: "The cache key is the command text (with ARG and ENV values it can see) plus the parent layer; the files the command reads or downloads are not part of it. So `RUN apt-get update` alone stays cached with stale indexes, and any change above this line re-runs it. `--mount=type=cache` keeps package-manager caches across rebuilds without growing the image.",
	},
	"cmd": {
		does:  "Sets the default command (or the default arguments of ENTRYPOINT) of containers started from the image. Only the last CMD of the stage counts.",
		cache: "Metadata only: it changes the image config, not the filesystem, and is cheap to rebuild. It still has to come after any layer it follows in the cache chain.",
	},
	"label": {
		does:  "Adds key=value metadata to the image config (OCI annotations such as `org.opencontainers.image.source`).",
		cache: "Metadata only, but each LABEL is a step in the cache chain: a label whose value changes every build (a date, a commit) placed early re-runs every later step. Put volatile labels at the end of the stage.",
	},
	"maintainer": {
		does:  "Deprecated: sets the image author. Use `LABEL org.opencontainers.image.authors=\"…\"` instead.",
		cache: "Metadata only, like LABEL.",
	},
	"expose": {
		does:  "Documents the ports the container listens on (`8080/tcp`). It publishes nothing by itself; `docker run -p` does.",
		cache: "Metadata only; cheap to change.",
	},
	"env": {
		does:  "Sets environment variables for the rest of the stage, for later build steps and for containers started from the image. Child stages built `FROM` this one inherit them.",
		cache: "The value becomes part of the cache key of every later step that can see it: changing an ENV re-runs everything below it in the stage and in stages built on it. Keep frequently changing values as low as possible.",
	},
	"add": {
		does:  "Copies files from the build context, a URL or a git repository into the image; local tar archives are extracted. Prefer COPY for plain files; use ADD for remote sources with `--checksum`.",
		cache: "Local sources are checksummed: the step re-runs when the content of any matched file changes (metadata such as mtime is ignored), and so does every step after it. A URL without `--checksum` is fetched on every build to compute its key.",
	},
	"copy": {
		does:  "Copies files from the build context (or, with `--from`, from another stage or image) into the image. Sources are resolved after `.dockerignore` filtering.",
		cache: "The cache key holds the checksum of every file the sources match: editing any matched file invalidates this step and every step after it. Copy dependency manifests (package.json, requirements.txt, go.mod) and install before copying the rest of the sources, so that source edits do not re-run the install. `--link` makes the layer independent of the ones below it, so it survives base image changes.",
	},
	"entrypoint": {
		does:  "Sets the program containers run; CMD then supplies its default arguments. Exec form (`[\"prog\", \"arg\"]`) lets signals reach the program; shell form wraps it in `/bin/sh -c`.",
		cache: "Metadata only; cheap to change.",
	},
	"volume": {
		does:  "Declares mount points whose content lives outside the container's writable layer.",
		cache: "Metadata only, but changes made to a declared volume path by later RUN steps are discarded in classic builders; declare volumes after preparing their content.",
	},
	"user": {
		does:  "Sets the user (and group) that later RUN, CMD and ENTRYPOINT run as.",
		cache: "Part of the cache key of later RUN steps: changing it re-runs them.",
	},
	"workdir": {
		does:  "Sets the working directory for later instructions, creating it if missing. Relative paths resolve against the previous WORKDIR.",
		cache: "Cheap, but part of the context of every later step: changing it re-runs the steps below it.",
	},
	"arg": {
		does:  "Declares a build argument (`--build-arg NAME=value`) with an optional default. Before the first FROM it is global and usable in FROM lines; inside a stage it must be declared again to be visible there.",
		cache: "An ARG's value enters the cache key of the RUN steps after the declaration that use it, implicitly as an environment variable: a value that changes every build (BUILD_DATE, GIT_SHA) declared early busts the cache of every RUN below it. Declare such ARGs right before their first use.",
	},
	"onbuild": {
		does:  "Registers an instruction that runs later, when another Dockerfile builds `FROM` this image.",
		cache: "Nothing runs now; the registered instruction runs, and is cached, in the child build.",
	},
	"stopsignal": {
		does:  "Sets the signal sent to stop containers (for example `SIGTERM`, `SIGQUIT`).",
		cache: "Metadata only; cheap to change.",
	},
	"healthcheck": {
		does:  "Sets the command the runtime uses to check that the container is healthy, with `--interval`, `--timeout`, `--start-period` and `--retries`; `HEALTHCHECK NONE` disables an inherited one.",
		cache: "Metadata only; cheap to change.",
	},
	"shell": {
		does:  "Sets the shell used by shell-form RUN, CMD and ENTRYPOINT (`[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`).",
		cache: "Part of the cache key of later shell-form RUN steps: changing it re-runs them.",
	},
}
