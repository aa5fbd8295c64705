// Package cache predicts, without a Docker daemon, which steps of a
// Dockerfile's build rerun when files of its build context or build arguments
// change, and what that costs.
//
// A Plan models every stage that building the target needs as a chain of
// steps (the FROM, then each instruction), each with the inputs of its cache
// key as BuildKit computes it in spirit. Predict takes a Change (files edited,
// added or removed; build arguments given a new value) and returns, per stage,
// the first step whose key changes and every step that reruns from there; a
// Fingerprint holds the keys themselves, computed from the real content of
// the context, so that two states can be compared. Score averages, over the
// files of the context, the number of expensive steps an edit to one file
// reruns, before and after simulating the fixes of the cache rules.
//
// # The key of a step
//
//   - Every step's key includes its parent step's key: once a step misses,
//     every later step of its stage misses too, and so does every stage that
//     builds FROM it or reads it (COPY --from, RUN --mount from=).
//   - FROM an image: the image reference and --platform, with global ARGs
//     expanded. The image itself is taken as unchanged (no registry access).
//     FROM a stage: that stage's result.
//   - RUN: the command as written (the shell expands it at run time, not the
//     frontend), the environment it runs with — the values of the ARGs
//     declared so far in the stage and its base stages, and the ENV values,
//     expanded — and the user, working directory and shell in force. Context
//     files mounted with --mount=type=bind count as a COPY would; a bind or
//     cache mount from a stage counts that stage's result; cache, secret, ssh
//     and tmpfs mounts add nothing.
//   - COPY and ADD from the context: the sources and destination with
//     variables expanded, the flags, the working directory (not the user:
//     files belong to root unless --chown says otherwise), and for every
//     entry brought its path, type, permission bits and content (the link
//     target for a symlink). Modification times do not count: BuildKit
//     ignores them, so touching a file invalidates nothing. Files the
//     .dockerignore excludes are never sent, so they invalidate nothing.
//   - COPY --from a stage: that stage's result; from an image: nothing more.
//     ADD of a URL or git repository: the text only (the remote is assumed
//     unchanged). COPY of a heredoc: its text.
//   - WORKDIR: the expanded path and the user (BuildKit creates it with a
//     mkdir step).
//   - ARG, ENV, LABEL, USER, EXPOSE, CMD, ENTRYPOINT, SHELL, VOLUME,
//     STOPSIGNAL, HEALTHCHECK, ONBUILD, MAINTAINER: the text as written.
//     These only change the image configuration; what they set enters the
//     keys of the steps that use it. So a changed build argument invalidates
//     from the first step that uses it: a RUN after its declaration (as an
//     environment variable), or an instruction that expands it — not from the
//     ARG itself.
//
// # Build arguments
//
// The value of an ARG is, as BuildKit decides: the --build-arg value when one
// is given, else its default (expanded), else, for an ARG redeclared in a
// stage without a default, the global ARG's value. An ARG without any value
// is declared but unset and adds nothing to the environment. A stage built
// FROM another inherits its environment and ARGs. Predefined platform ARGs
// (TARGETARCH, BUILDPLATFORM, ...) keep an unknown but fixed value unless one
// is given.
//
// # Cost classes
//
// Expensive: package installs and index updates (rules.ClassifyPkg),
// dependency downloads (go mod download, cargo fetch, mvn
// dependency:go-offline), compiles and builds (go build, cargo build, mvn
// package, gradle build, npm run build, make, gcc, dotnet publish, ...).
// Medium: other RUNs, downloads (ADD of a URL, curl, wget, git clone), FROM
// an image (a pull when the reference changes) and COPY/ADD of a large part
// of the context (LargeCopyBytes or LargeCopyFiles). Cheap: everything else —
// metadata instructions, small copies, COPY --from, WORKDIR.
//
// # Approximations
//
//   - The chain is linear per stage: a step after a missed step is listed as
//     rerunning even when BuildKit would only recompute it in passing — a
//     metadata instruction (configuration only), or COPY --link (its copy is
//     reused and only rebased).
//   - The base image, remote URLs and git sources are assumed unchanged;
//     ONBUILD triggers of a base image are not seen; the base image's ENV and
//     WORKDIR are unknown and taken as fixed.
//   - A variable that no ARG or ENV of the Dockerfile defines expands to the
//     empty string (as when the base image does not define it either).
//   - A file that does not exist now (removed, or not yet created) counts for
//     a COPY when the source's path or wildcard names it and the ignore file
//     does not exclude it; symlinks along such a path are not followed.
//   - BuildKit's content checksum also covers ownership and extended
//     attributes; ownership is not read here (the context is sent with the
//     files' modes, and Docker maps owners to root anyway).
//   - Cost classes come from command names, not from measuring anything.
//
// # Speed
//
// Nothing is hashed to predict: Predict looks up the changed paths in what
// each step brings (sorted entries, binary search), so its cost grows with
// the number of steps and changed files, not with the context. Building a
// plan resolves every COPY against the scanned context once. Score groups
// the files by the steps that read them and propagates once per group.
// Measured with `go test ./cache -run XXX -bench . -benchtime 2s` on a
// generated context of 10,000 files (two cores, warm OS caches): walking
// the context, parsing, planning and predicting 31 ms; predicting on a
// built plan 3 µs; re-planning after a Dockerfile edit 6 ms; the score
// before and after the simulated fixes 10 ms; the content fingerprint of
// every step with digests cached 30 ms. The whole command, process start
// included, takes 0.05 s.
//
// This package may import dockerfile, ctxscan and rules; it must not import
// lsp or cmd, and it does no I/O beyond reading the build context through
// ctxscan.
package cache
