# want "StageNameCasing: stage name .Builder. has upper-case"
FROM golang:1.22 AS Builder
RUN go build -o /app .

# want "StageNameCasing"
FROM alpine:3.20 AS RunTime
# --from is looked up case-insensitively: it keeps working after the fix
COPY --from=Builder /app /app

# near miss: already lowercase
FROM alpine:3.20 AS final
COPY --from=builder /app /app
