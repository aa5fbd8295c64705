# layerlint ignore=UndefinedArgInFrom passed with --build-arg by CI
FROM alpine:$TAG
