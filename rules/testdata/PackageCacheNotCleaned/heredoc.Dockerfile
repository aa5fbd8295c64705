# syntax=docker/dockerfile:1
from debian:bookworm
# want "PackageCacheNotCleaned: ^apt-get install"
run <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl
EOF
run <<EOF
apt-get update
apt-get install -y curl
rm -rf /var/lib/apt/lists/*
EOF
# want "PackageCacheNotCleaned: ^pip install"
run <<-EOF
	pip install requests
	EOF
# lower-case keywords and continuations
# want "PackageCacheNotCleaned: ^yum install"
run set -eux; \
    yum install -y \
        httpd \
    ; \
    echo done
# want "PackageCacheNotCleaned: ^pip install"
onbuild run pip install -r requirements.txt
# an exit inside a condition does not stop the appended cleanup
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y curl && { command -v curl || exit 1; }
