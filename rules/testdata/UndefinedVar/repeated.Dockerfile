FROM alpine:3.20
# one finding per word that uses the variable, each on its own use, as in BuildKit
# want "UndefinedVar: .PREFIX" "UndefinedVar: .PREFIX"
ENV LIBRARY_PATH=$PREFIX/lib CPATH=$PREFIX/include
# twice in one word: one finding
# want "UndefinedVar: .HOST"
ENV URL=http://$HOST/$HOST
