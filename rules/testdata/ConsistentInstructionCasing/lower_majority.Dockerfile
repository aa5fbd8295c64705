# ARGs before the first FROM are neither counted nor reported
ARG BASE=alpine:3.20
ARG X=1
ARG Y=2
from ${BASE}
run apk add --no-cache curl
# want "ConsistentInstructionCasing: 'COPY' is not lowercase"
COPY . /app
cmd ["/app/run"]
