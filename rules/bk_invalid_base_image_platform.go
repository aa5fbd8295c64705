package rules

// InvalidBaseImagePlatform is BuildKit's check that a pulled base image has
// the platform the build expects. It needs the image's configuration from a
// registry, which layerlint never contacts, so it has no Run function: it is
// declared so that its name resolves in configuration and in
// "# check=skip=" lists, and it never reports.
var InvalidBaseImagePlatform = register(&Rule{
	ID:           "InvalidBaseImagePlatform",
	Category:     CategoryCorrectness,
	Severity:     SeverityWarning,
	OffByDefault: true,
	BuildKit:     true,
	Doc: Doc{
		Title: "Base image platform differs from the target platform",
		Description: "BuildKit raises this check after pulling a base image whose OS or architecture is not the " +
			"one the stage is built for (an amd64-only image in an arm64 build): the stage then runs under " +
			"emulation, slowly, or its binaries do not start. The check needs the image's configuration " +
			"from the registry. layerlint lints offline and never pulls images, so this rule cannot fire: " +
			"it exists so that its name is known to `# check=skip=` and to configuration, and it is off by " +
			"default. Run `docker build --check` to get this finding. BuildKit reports it as a warning.",
		Bad:  "# an image published for linux/amd64 only, built for linux/arm64\nFROM --platform=linux/arm64 example.com/amd64-only-tool\n",
		Good: "FROM --platform=linux/arm64 alpine\n",
	},
})
