from alpine:3.20 as build
run apk add --no-cache \
      gcc \
      musl-dev
# want "ConsecutiveRunInstructions: line 2"
run mkdir -p \
      /out
# exec form is one command
# want "ConsecutiveRunInstructions"
run ["make", "-C", "/src"]

from alpine:3.20
# stages do not continue each other
run echo hi
onbuild run echo later
run echo after
