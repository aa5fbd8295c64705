package rules

import (
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

func TestClassifyPkg(t *testing.T) {
	cases := []struct {
		run    string
		mgr    Manager
		action PkgAction
		ok     bool
	}{
		{"apt-get update", MgrApt, PkgUpdate, true},
		{"apt-get -o Acquire::Retries=3 install -y curl", MgrApt, PkgInstall, true},
		{"DEBIAN_FRONTEND=noninteractive apt-get install -y curl", MgrApt, PkgInstall, true},
		{"sudo apt-get install -y curl", MgrApt, PkgInstall, true},
		{"apt-get clean", MgrApt, PkgClean, true},
		{"apt-get dist-clean", MgrApt, PkgClean, true},
		{"apt-get -y reinstall tzdata", MgrApt, PkgInstall, true},
		{"dnf5 install -y gcc", MgrDnf, PkgInstall, true},
		{"apk add --no-cache curl", MgrApk, PkgInstall, true},
		{"apk --update add curl", MgrApk, PkgInstall, true},
		{"yum makecache", MgrYum, PkgUpdate, true},
		{"yum clean all", MgrYum, PkgClean, true},
		{"zypper --non-interactive refresh", MgrZypper, PkgUpdate, true},
		{"pip install --no-cache-dir -r requirements.txt", MgrPip, PkgInstall, true},
		{"python3 -m pip install flask", MgrPip, PkgInstall, true},
		{"pip3 freeze", "", PkgOther, false},
		{"npm ci", MgrNpm, PkgInstall, true},
		{"npm run build", "", PkgOther, false},
		{"yarn", MgrYarn, PkgInstall, true},
		{"yarn build", "", PkgOther, false},
		{"yarn --version", "", PkgOther, false},
		{"yarn global add typescript", MgrYarn, PkgInstall, true},
		{"yarn global bin", "", PkgOther, false},
		{"yarn cache clean", MgrYarn, PkgClean, true},
		{"go mod download", MgrGo, PkgInstall, true},
		{"go build ./...", "", PkgOther, false},
		{"mvn -B dependency:go-offline", MgrMaven, PkgInstall, true},
		{"mvn package", "", PkgOther, false},
		{"./gradlew dependencies", MgrGradle, PkgInstall, true},
		{"dotnet restore", MgrDotnet, PkgInstall, true},
		{"cargo fetch", MgrCargo, PkgInstall, true},
		{"uv pip install -r requirements.txt", MgrUv, PkgInstall, true},
		{"uv sync --frozen", MgrUv, PkgInstall, true},
		{"bundle install", MgrBundle, PkgInstall, true},
		{"composer install --no-dev", MgrComposer, PkgInstall, true},
		{"echo apt-get install", "", PkgOther, false},
	}
	for _, c := range cases {
		f := dockerfile.Parse("t", []byte("FROM x\nRUN "+c.run+"\n"))
		rb := f.Instructions[1].Run
		if rb == nil || len(rb.Commands) == 0 {
			t.Fatalf("%q: no commands", c.run)
		}
		p, ok := ClassifyPkg(rb.Commands[0])
		if ok != c.ok || p.Manager != c.mgr || p.Action != c.action {
			t.Errorf("%q: got (%q, %v, %v), want (%q, %v, %v)", c.run, p.Manager, p.Action, ok, c.mgr, c.action, c.ok)
		}
	}
}
