from alpine:3.20 as build
run --mount=type=cache,target=/root/.cache \
    --network=none \
    echo hi
from build
# --link (1.4) is the newest feature used
# want "SyntaxDirectiveTooOld: ^COPY --link needs Dockerfile syntax 1.4"
copy --from=build --link /out /out
