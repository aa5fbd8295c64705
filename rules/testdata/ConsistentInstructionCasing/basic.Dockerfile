FROM alpine:3.20
RUN apk add --no-cache curl
# want "ConsistentInstructionCasing: 'copy' is not uppercase"
copy . /app
# want "ConsistentInstructionCasing: 'Workdir' is not uppercase"
Workdir /app
CMD ["/app/run"]
