# syntax=docker/dockerfile:1
FROM debian:bookworm
# a shell comment would swallow appended text: no fix
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y curl # tools
# nothing runs after exit: the fix needs review
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y curl && exit 0
# the heredoc here is data to cat: no fix
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y curl && cat > /etc/motd <<EOF
welcome
EOF
# a background job cannot be followed by &&: no fix
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y curl &
# exec form: no fix
# want "PackageCacheNotCleaned: ^apt-get install"
RUN ["sh", "-c", "apt-get update && apt-get install -y curl"]
# want "PackageCacheNotCleaned: ^pip install"
RUN ["pip", "install", "requests"]
# a quoted subcommand is left alone
# want "PackageCacheNotCleaned: ^pip install"
RUN pip "install" requests
# a later --cache-dir would override the flag: the fix needs review
# want "PackageCacheNotCleaned: ^pip install"
RUN pip install --cache-dir /tmp/pip requests
