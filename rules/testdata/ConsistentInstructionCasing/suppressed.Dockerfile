# check=skip=ConsistentInstructionCasing
FROM alpine:3.20
RUN true
copy . /app
