package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CleanupInLaterLayer reports files removed by a RUN after an earlier
// instruction of the image wrote them: the earlier layer keeps the bytes, and
// the removal only hides them.
var CleanupInLaterLayer = register(&Rule{
	ID:       "CleanupInLaterLayer",
	Category: CategorySize,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Files removed in a later layer than the one that added them",
		Description: "An image is a stack of layers, and each layer stores the files its instruction wrote. " +
			"Deleting a file in a later RUN adds a whiteout entry that hides it; the bytes stay in the earlier " +
			"layer, are pulled with the image and count towards its size. So `COPY app.tar.gz /tmp/` followed by " +
			"`RUN tar -xzf /tmp/app.tar.gz && rm /tmp/app.tar.gz` ships the archive, and `RUN apt-get update` " +
			"followed by a separate `RUN rm -rf /var/lib/apt/lists/*` ships the package lists. Download, use and " +
			"remove a file in one RUN; read files that are only needed during the build through " +
			"`RUN --mount=type=bind` (or copy them into a build stage) instead of COPY; clean package-manager " +
			"caches in the RUN that installs. The rule follows the stages whose layers make up the final image " +
			"and matches each `rm` operand (and `apt-get clean`, `yum clean all`, `apk cache clean`, " +
			"`npm cache clean`, `pip cache purge` and the like) against what earlier instructions added: COPY " +
			"and ADD destinations, curl and wget downloads, git clones, unzip and cp targets, node_modules of " +
			"npm, yarn and pnpm installs, and package lists and caches. Relative paths are resolved against " +
			"WORKDIR and `cd`. Removing part of a copied directory (`COPY . /app` then `rm -rf /app/tests`) " +
			"is not reported: whether the part came from the COPY cannot be told from the Dockerfile.",
		Bad: "FROM debian:bookworm-slim\n" +
			"COPY vendor-tool.tar.gz /tmp/\n" +
			"RUN tar -xzf /tmp/vendor-tool.tar.gz -C /opt && rm /tmp/vendor-tool.tar.gz\n",
		Good: "# syntax=docker/dockerfile:1\n" +
			"FROM debian:bookworm-slim\n" +
			"RUN --mount=type=bind,source=vendor-tool.tar.gz,target=/tmp/vendor-tool.tar.gz \\\n" +
			"    tar -xzf /tmp/vendor-tool.tar.gz -C /opt\n",
	},
	Run: runCleanupInLaterLayer,
})

// created is a path an instruction added to its layer.
type created struct {
	path string // absolute and clean
	in   *dockerfile.Instruction
	rng  dockerfile.Range // what created it (a command or the COPY arguments)
	how  string           // "COPY on line 4 added", "'curl' on line 7 downloaded"
}

// layerScan walks the instructions of the final image's stages in order.
type layerScan struct {
	p       *Pass
	cwd     string     // WORKDIR ("" when unknown)
	earlier []*created // added by earlier instructions and not removed since
}

func runCleanupInLaterLayer(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	ls := &layerScan{p: p, cwd: "/"}
	for _, in := range chainInstructions(final, nil) {
		if in.Stage != nil && in.Index == in.Stage.From.Index {
			continue
		}
		switch in.Keyword {
		case "workdir":
			if len(in.Args) > 0 {
				ls.cwd = ls.resolve(in, ls.cwd, in.Args[0].Value)
			}
		case "copy", "add":
			ls.copied(in)
		case "run":
			if in.Run != nil && in.Run.Kind == dockerfile.ShellPOSIX {
				ls.run(in)
			}
		}
	}
}

// resolve makes p absolute against dir, expanding simple ARG/ENV
// references; "" when it cannot be resolved.
func (ls *layerScan) resolve(in *dockerfile.Instruction, dir, p string) string {
	p = expandKnownVars(ls.p.File, in, p)
	if p == "" || strings.ContainsAny(p, "$`") {
		return ""
	}
	if strings.HasPrefix(p, "~/") || p == "~" {
		u := userAt(ls.p.File, in)
		if u.Home == "" {
			return ""
		}
		p = u.Home + strings.TrimPrefix(p, "~")
	}
	if !strings.HasPrefix(p, "/") {
		if dir == "" {
			return ""
		}
		p = dir + "/" + p
	}
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if trailing && p != "/" {
		p += "/"
	}
	return p
}

// expandKnownVars replaces $NAME and ${NAME} with literal ARG/ENV values
// visible at in; unknown references stay.
func expandKnownVars(f *dockerfile.File, in *dockerfile.Instruction, s string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	vars := f.Vars(in)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		j, brace := i+1, false
		if j < len(s) && s[j] == '{' {
			brace, j = true, j+1
		}
		k := j
		for k < len(s) && isNameChar(s[k]) {
			k++
		}
		name := s[j:k]
		end := k
		if brace {
			if k >= len(s) || s[k] != '}' {
				b.WriteString(s[i:])
				break
			}
			end = k + 1
		}
		if v, ok := vars[name]; ok && v.HasValue && !strings.ContainsAny(v.Value, "$`") && name != "" {
			b.WriteString(v.Value)
		} else {
			b.WriteString(s[i:end])
		}
		i = end - 1
	}
	return b.String()
}

// copied records the destinations of COPY and ADD.
func (ls *layerScan) copied(in *dockerfile.Instruction) {
	if len(in.Args) < 1 {
		return
	}
	dest := ls.resolve(in, ls.cwd, in.Args[len(in.Args)-1].Value)
	if dest == "" || dest == "/" {
		return
	}
	kw := strings.ToUpper(in.Keyword)
	how := fmt.Sprintf("%s on line %d added", kw, in.StartLine)
	rng := in.ArgsRange
	srcs := in.Args[:len(in.Args)-1]
	if len(in.Heredocs) > 0 {
		srcs = nil
	}
	dir := strings.HasSuffix(dest, "/") || len(srcs) > 1
	base := strings.TrimSuffix(dest, "/")
	if !dir || len(srcs) == 0 {
		ls.earlier = append(ls.earlier, &created{path: base, in: in, rng: rng, how: how})
	}
	for _, s := range srcs {
		name := path.Base(strings.TrimRight(s.Value, "/"))
		if strings.Contains(s.Value, "://") {
			name = path.Base(strings.SplitN(s.Value, "?", 2)[0])
		}
		if name == "." || name == "/" || name == "" || strings.ContainsAny(name, "*?[$") {
			// a directory's contents or a pattern: the names are unknown
			ls.earlier = append(ls.earlier, &created{path: base, in: in, rng: rng, how: how})
			continue
		}
		ls.earlier = append(ls.earlier, &created{path: base + "/" + name, in: in, rng: s.Range, how: how})
		if !dir {
			// COPY a.tgz /opt: /opt/a.tgz when /opt is a directory
			continue
		}
	}
}

// run handles one RUN: removals of what earlier layers added are reported,
// then the RUN's own creations are recorded.
func (ls *layerScan) run(in *dockerfile.Instruction) {
	cwd := ls.cwd
	var own []*created
	f := ls.p.File
	installs := map[string]bool{} // cache families installed in this RUN
	for _, c := range in.Run.Commands {
		if fam := cacheFamily(c, true); fam != "" {
			installs[fam] = true
		}
	}
	for _, c := range in.Run.Commands {
		name := c.Name()
		argv := c.Argv()
		if name == "cd" && !c.Nested {
			if len(argv) > 1 {
				cwd = ls.resolve(in, cwd, argv[1].Value)
			} else {
				cwd = userAt(f, in).Home
			}
			continue
		}
		// removals: one finding per operand or clean command
		reported := map[dockerfile.Range]bool{}
		for _, target := range ls.removedPaths(in, c, cwd, installs) {
			if reported[target.rng] {
				target.quiet = true
			}
			if ls.removed(target, &own) {
				reported[target.rng] = true
			}
		}
		// creations
		for _, cp := range ls.createdBy(in, c, cwd) {
			own = append(own, cp)
		}
	}
	ls.earlier = append(ls.earlier, own...)
}

// removal is one path a command removes.
type removal struct {
	path string           // absolute; may hold glob characters
	rng  dockerfile.Range // the operand, or the cleaning command
	verb string           // "rm removes", "apt-get clean empties"
	// quiet removals forget what they cover without reporting it: a cache
	// clean in a RUN that also installs is in the right place, and what
	// earlier RUNs left is PackageCacheNotCleaned's concern
	quiet bool
}

// removedPaths returns what c removes: rm operands, and the caches that
// clean commands empty (only when the RUN installs nothing of that family:
// a clean next to its install is the right place).
func (ls *layerScan) removedPaths(in *dockerfile.Instruction, c *dockerfile.Command, cwd string, installs map[string]bool) []removal {
	var out []removal
	switch c.Name() {
	case "rm":
		u := userAt(ls.p.File, in)
		for _, w := range c.Operands() {
			p := ls.resolve(in, cwd, w.Value)
			if p == "" || p == "/" {
				continue
			}
			r := removal{path: strings.TrimSuffix(p, "/"), rng: w.Range, verb: "rm removes"}
			// removing the cache of an install in this RUN is the right
			// cleanup
			for fam := range installs {
				for _, d := range cacheDirs(fam, u) {
					if covers(r.path, d) {
						r.quiet = true
					}
				}
			}
			out = append(out, r)
		}
		return out
	}
	fam := cacheFamily(c, false)
	if fam == "" {
		return nil
	}
	for _, d := range cacheDirs(fam, userAt(ls.p.File, in)) {
		out = append(out, removal{path: d, rng: argvRange(c), verb: cmdHead(c) + " empties", quiet: installs[fam]})
	}
	return out
}

// removed reports the earliest record that target removes, and forgets every
// record it covers (earlier layers and the RUN's own files alike).
func (ls *layerScan) removed(target removal, own *[]*created) bool {
	var hit *created
	keep := ls.earlier[:0]
	for _, cr := range ls.earlier {
		if covers(target.path, cr.path) {
			if hit == nil {
				hit = cr
			}
			continue
		}
		keep = append(keep, cr)
	}
	ls.earlier = keep
	ownKeep := (*own)[:0]
	for _, cr := range *own {
		if !covers(target.path, cr.path) {
			ownKeep = append(ownKeep, cr)
		}
	}
	*own = ownKeep
	if hit == nil || target.quiet {
		return false
	}
	fix := "remove it in the same RUN that adds it"
	if hit.in.Keyword == "copy" || hit.in.Keyword == "add" {
		fix = "read it through RUN --mount=type=bind, or use a build stage, instead of copying it"
	}
	what := hit.path
	if target.path != hit.path && !strings.ContainsAny(target.path, "*?[") {
		what = target.path
	}
	ls.p.Report(Diagnostic{
		Range: target.rng,
		Message: fmt.Sprintf("%s %s, which the %s; the bytes stay in that layer, so %s",
			target.verb, what, hit.how, fix),
		Related: []Related{{Message: "added here", Range: hit.rng}},
	})
	return true
}

// covers reports whether removing p (a path or glob) removes c.
func covers(p, c string) bool {
	if p == c || strings.HasPrefix(c, p+"/") {
		return true
	}
	// dir/* empties dir
	if dir, ok := strings.CutSuffix(p, "/*"); ok && (c == dir || strings.HasPrefix(c, dir+"/")) {
		return true
	}
	if !strings.ContainsAny(p, "*?[") {
		return false
	}
	for q := c; q != "/" && q != "."; q = path.Dir(q) {
		if ok, _ := path.Match(p, q); ok {
			return true
		}
	}
	return false
}

// createdBy returns the paths command c writes into the layer.
func (ls *layerScan) createdBy(in *dockerfile.Instruction, c *dockerfile.Command, cwd string) []*created {
	var out []*created
	add := func(p, verb string) {
		if p = ls.resolve(in, cwd, p); p != "" && p != "/" {
			out = append(out, &created{path: strings.TrimSuffix(p, "/"), in: in, rng: argvRange(c),
				how: fmt.Sprintf("'%s' on line %d %s", commandTitle(c), ls.p.File.Position(c.Range.Start).Line, verb)})
		}
	}
	argv := c.Argv()
	args := argv[min(1, len(argv)):]
	switch name := c.Name(); name {
	case "curl":
		remoteName := false
		var url string
		for i, w := range args {
			v := w.Value
			switch {
			case v == "-o" || v == "--output":
				if i+1 < len(args) && args[i+1].Value != "-" {
					add(args[i+1].Value, "downloaded")
				}
			case strings.HasPrefix(v, "--output="):
				add(strings.TrimPrefix(v, "--output="), "downloaded")
			case v == "-O" || v == "--remote-name" || shortFlag(v, "O", curlShortWithArg):
				remoteName = true
			case strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.HasSuffix(v, "o") && shortFlag(v, "o", strings.ReplaceAll(curlShortWithArg, "o", "")):
				// -fsSLo FILE
				if i+1 < len(args) && args[i+1].Value != "-" {
					add(args[i+1].Value, "downloaded")
				}
			case strings.Contains(v, "://"):
				url = v
			}
		}
		if remoteName && url != "" {
			add(urlBase(url), "downloaded")
		}
	case "wget":
		out1, dir := "", ""
		var url string
		for i, w := range args {
			v := w.Value
			switch {
			case v == "-O" || v == "--output-document":
				if i+1 < len(args) {
					out1 = args[i+1].Value
				}
			case strings.HasPrefix(v, "--output-document="):
				out1 = strings.TrimPrefix(v, "--output-document=")
			case strings.HasPrefix(v, "-O") && len(v) > 2 && !strings.HasPrefix(v, "--"):
				out1 = v[2:]
			case shortFlag(v, "O", "") && strings.HasSuffix(v, "O"):
				// -qO FILE
				if i+1 < len(args) {
					out1 = args[i+1].Value
				}
			case v == "-P" || v == "--directory-prefix":
				if i+1 < len(args) {
					dir = args[i+1].Value
				}
			case strings.Contains(v, "://"):
				url = v
			}
		}
		switch {
		case out1 == "-" || out1 == "/dev/null":
		case out1 != "":
			add(out1, "downloaded")
		case url != "":
			if dir != "" {
				add(dir+"/"+urlBase(url), "downloaded")
			} else {
				add(urlBase(url), "downloaded")
			}
		}
	case "git":
		ops := c.Operands("-b", "--branch", "--depth", "-c", "--config", "-o", "--origin", "--reference", "-j", "--jobs", "--filter")
		if len(ops) >= 2 && ops[0].Value == "clone" {
			if len(ops) >= 3 {
				add(ops[2].Value, "cloned")
			} else {
				add(strings.TrimSuffix(urlBase(ops[1].Value), ".git"), "cloned")
			}
		}
	case "unzip":
		for i, w := range args {
			if w.Value == "-d" && i+1 < len(args) {
				add(args[i+1].Value, "extracted")
			}
		}
	case "cp", "mv":
		ops := c.Operands("-t", "--target-directory", "-S", "--suffix")
		if len(ops) >= 2 && name == "cp" {
			dst := ops[len(ops)-1].Value
			if strings.HasSuffix(dst, "/") {
				for _, s := range ops[:len(ops)-1] {
					add(dst+path.Base(s.Value), "copied")
				}
			} else {
				add(dst, "copied")
			}
		}
	default:
		if pc, ok := ClassifyPkg(c); ok && pc.Action == PkgInstall {
			switch pc.Manager {
			case MgrNpm, MgrYarn, MgrPnpm:
				if !c.Has("-g") && !c.Has("--global") {
					add("node_modules", "installed")
				}
			}
		}
		if fam := cacheFamily(c, true); fam != "" {
			for _, d := range cacheDirs(fam, userAt(ls.p.File, in)) {
				add(d, "filled")
			}
		}
	}
	return out
}

// urlBase returns the file name a URL downloads to.
func urlBase(u string) string {
	u, _, _ = strings.Cut(u, "?")
	u, _, _ = strings.Cut(u, "#")
	return path.Base(u)
}

// cacheFamily names the package cache that c fills (install true: an install
// or index update) or empties (install false: a clean command), or "".
func cacheFamily(c *dockerfile.Command, install bool) string {
	pc, ok := ClassifyPkg(c)
	name := c.Name()
	if install {
		if !ok || pc.Action != PkgInstall && pc.Action != PkgUpdate {
			return ""
		}
		switch pc.Manager {
		case MgrApt:
			if pc.Action == PkgUpdate {
				return "apt-lists"
			}
			return "apt"
		case MgrYum, MgrDnf, MgrMicrodnf, MgrZypper, MgrApk, MgrNpm, MgrYarn, MgrPip, MgrComposer:
			if pc.Manager == MgrApk && c.Has("--no-cache") {
				return ""
			}
			if pc.Manager == MgrPip && c.HasPrefix("--no-cache") {
				return ""
			}
			return string(pc.Manager)
		}
		return ""
	}
	ops := c.Operands(optsWithValue[name]...)
	sub := func(i int) string {
		if i < len(ops) {
			return ops[i].Value
		}
		return ""
	}
	switch {
	case ok && pc.Action == PkgClean:
		switch pc.Manager {
		case MgrApt:
			return "apt"
		case MgrYum, MgrDnf, MgrMicrodnf, MgrZypper, MgrApk:
			if pc.Manager == MgrApk && sub(1) != "clean" && sub(1) != "purge" {
				return ""
			}
			return string(pc.Manager)
		case MgrYarn:
			if sub(1) == "clean" {
				return "yarn"
			}
		}
	case name == "npm" && sub(0) == "cache" && (sub(1) == "clean" || sub(1) == "clear" || sub(1) == "rm"):
		return "npm"
	case (name == "pip" || strings.HasPrefix(name, "pip3")) && sub(0) == "cache" && (sub(1) == "purge" || sub(1) == "remove"):
		return "pip"
	case name == "composer" && (sub(0) == "clear-cache" || sub(0) == "clearcache" || sub(0) == "cc"):
		return "composer"
	}
	return ""
}

// cacheDirs returns the directories of a cache family for user u.
func cacheDirs(fam string, u runUser) []string {
	home := u.Home
	inHome := func(rel string) []string {
		if home == "" {
			return nil
		}
		return []string{strings.TrimSuffix(home, "/") + "/" + rel}
	}
	switch fam {
	case "apt-lists":
		return []string{"/var/lib/apt/lists"}
	case "apt":
		return []string{"/var/cache/apt"}
	case string(MgrYum):
		return []string{"/var/cache/yum"}
	case string(MgrDnf), string(MgrMicrodnf):
		return []string{"/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"}
	case string(MgrZypper):
		return []string{"/var/cache/zypp"}
	case string(MgrApk):
		return []string{"/var/cache/apk"}
	case string(MgrNpm):
		return inHome(".npm")
	case string(MgrYarn):
		if u.Root {
			return []string{"/usr/local/share/.cache/yarn"}
		}
		return inHome(".cache/yarn")
	case string(MgrPip):
		return inHome(".cache/pip")
	case string(MgrComposer):
		return append(inHome(".composer/cache"), inHome(".cache/composer")...)
	}
	return nil
}
