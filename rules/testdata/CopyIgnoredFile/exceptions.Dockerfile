FROM node:22-slim
# want "CopyIgnoredFile: ^.prod.env. is excluded by .dockerignore \(line 1: .\*.env.\); COPY finds nothing and the build fails with .not found.$"
COPY prod.env /app/
# want "CopyIgnoredFile: ^.logs/x.txt. is excluded by .dockerignore \(line 2: .logs.\)"
COPY logs/x.txt /app/
# want "CopyIgnoredFile: ^everything .\*.env. matches is excluded by .dockerignore \(.prod.env. \(line 1"
COPY *.env /app/
# "!debug" re-includes the directory, not the files in it: BuildKit still excludes debug/app.log
# want "CopyIgnoredFile: ^.debug/app.log. is excluded by .dockerignore \(line 4: .\*\*/\*.log.\)"
COPY debug/app.log /app/
# want "CopyIgnoredFile: .prod.env. is excluded.*ADD finds nothing"
ADD prod.env /app/

FROM node:22-slim AS near-misses
# re-included by an exception
COPY logs/keep.txt /app/
COPY debug/readme.md /app/
# a directory partly excluded is fine
COPY logs /app/logs
COPY . /app
# missing everywhere: CopySourceNotFound reports it
COPY nothere.txt /app/
# another stage's files are not filtered
COPY --from=near-misses /app/prod.env /x/

FROM node:22-slim AS suppressed
# layerlint ignore=CopyIgnoredFile the file is created by the build script when needed
COPY prod.env /app/
