from debian:bookworm-slim
# want "VolatileArgBeforeExpensiveStep"
arg APP_GIT_COMMIT \
    OTHER=1
run apt-get update \
 && apt-get install -y --no-install-recommends \
      curl
label revision=$APP_GIT_COMMIT
