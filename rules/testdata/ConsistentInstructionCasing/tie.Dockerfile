# a tie goes to upper case
FROM alpine:3.20
# want "ConsistentInstructionCasing"
run true
