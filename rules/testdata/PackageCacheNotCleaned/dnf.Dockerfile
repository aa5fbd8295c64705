FROM fedora:40 AS dnf
# want "PackageCacheNotCleaned: ^dnf install leaves /var/cache/dnf in the layer; add 'dnf clean all' in the same RUN$"
RUN dnf install -y gcc
RUN dnf install -y gcc && dnf clean all
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc

FROM dnf
# want "PackageCacheNotCleaned: ^microdnf install leaves its package cache in the layer; add 'microdnf clean all' in the same RUN$"
RUN microdnf install -y shadow-utils
RUN microdnf install -y shadow-utils && microdnf clean all
