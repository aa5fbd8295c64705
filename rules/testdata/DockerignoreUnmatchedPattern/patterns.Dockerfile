FROM alpine
RUN echo findings are reported on the first COPY that reads the context
# want "DockerignoreUnmatchedPattern: ^\.dockerignore line 1 .node_modules. matches nothing in the build context \(patterns are anchored at the context root; .\*\*/node_modules. matches at any depth\)$" "DockerignoreUnmatchedPattern: ^\.dockerignore line 2 .\*\.log. matches nothing in the build context$" "DockerignoreUnmatchedPattern: ^\.dockerignore line 5 .!readme\.md. re-includes nothing: no line above it excludes .readme\.md.$" "DockerignoreUnmatchedPattern: ^\.dockerignore line 7 .!logs. re-includes nothing: no line above it excludes .logs.$"
COPY . /app
COPY main.sh /app/
